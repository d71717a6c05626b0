using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveGraphRec.Core.Retrieval;

/// <summary>
/// Item embeddings repacked for the blocked scoring kernel: tiles of <see cref="TileWidth"/> items stored
/// dimension-major, so one dimension of a whole tile is two contiguous vectors. The last tile is zero-padded.
/// </summary>
public sealed class PackedItemTiles
{
    /// <summary>Users per register tile; user blocks are padded to a multiple of it.</summary>
    public const int UserTile = 4;

    private readonly float[] _data;

    public PackedItemTiles(EmbeddingMatrix items)
    {
        ItemCount = items.Rows;
        Dim = items.Dim;
        TileCount = (ItemCount + TileWidth - 1) / TileWidth;
        _data = new float[(long)TileCount * Dim * TileWidth];
        for (int item = 0; item < ItemCount; item++)
        {
            SetRow(item, items.Row(item));
        }
    }

    private PackedItemTiles(PackedItemTiles source, int itemCount)
    {
        ItemCount = itemCount;
        Dim = source.Dim;
        TileCount = (itemCount + TileWidth - 1) / TileWidth;
        _data = new float[(long)TileCount * Dim * TileWidth];
        // Tiles are laid out one after another, so the source's tiles are a prefix of a larger catalog's.
        source._data.CopyTo(_data, 0);
    }

    /// <summary>
    /// A copy that later <see cref="SetRow"/> calls can change without touching this one, with room for
    /// <paramref name="itemCount"/> items (at least this one's; rows past it score 0 until set).
    /// </summary>
    public PackedItemTiles Clone(int itemCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemCount, ItemCount);
        return new(this, itemCount);
    }

    /// <summary>Replaces item <paramref name="item"/>'s embedding.</summary>
    public void SetRow(int item, ReadOnlySpan<float> row)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(row.Length, Dim);
        int tileStart = item / TileWidth * Dim * TileWidth;
        int lane = item % TileWidth;
        for (int k = 0; k < Dim; k++)
        {
            _data[tileStart + k * TileWidth + lane] = row[k];
        }
    }

    /// <summary>Items per tile: two vectors, so each broadcast user value feeds two FMAs.</summary>
    public static int TileWidth => 2 * Vector<float>.Count;

    public int ItemCount { get; }
    public int Dim { get; }
    public int TileCount { get; }
    /// <summary>Row stride of a score block: the item count rounded up to whole tiles.</summary>
    public int PaddedItemCount => TileCount * TileWidth;

    /// <summary>
    /// One user's score for every item, <paramref name="scores"/>[i] = user · item i, for the first
    /// <see cref="PaddedItemCount"/> entries (padding lanes score 0). A tile's dimensions are accumulated in two
    /// interleaved chains (even and odd), which halves the FMA latency a tile waits for, and no horizontal sum is
    /// needed, unlike a dot product per item row.
    /// </summary>
    public void Score(ReadOnlySpan<float> user, Span<float> scores)
    {
        int dim = Dim, width = Vector<float>.Count, tileFloats = dim * TileWidth;
        if (user.Length != dim || scores.Length < PaddedItemCount)
        {
            throw new ArgumentException($"Expected a {dim}-dimensional user and room for {PaddedItemCount} scores (got {user.Length} and {scores.Length}).");
        }
        ref float a = ref MemoryMarshal.GetReference(user);
        ref float c = ref MemoryMarshal.GetReference(scores);
        for (int tile = 0; tile < TileCount; tile++)
        {
            ref float b = ref _data[tile * tileFloats];
            Vector<float> even0 = default, even1 = default, odd0 = default, odd1 = default;
            int k = 0;
            for (; k + 1 < dim; k += 2)
            {
                var u0 = new Vector<float>(Unsafe.Add(ref a, k));
                even0 = Vector.MultiplyAddEstimate(u0, Vector.LoadUnsafe(ref b, (nuint)(k * TileWidth)), even0);
                even1 = Vector.MultiplyAddEstimate(u0, Vector.LoadUnsafe(ref b, (nuint)(k * TileWidth + width)), even1);
                var u1 = new Vector<float>(Unsafe.Add(ref a, k + 1));
                odd0 = Vector.MultiplyAddEstimate(u1, Vector.LoadUnsafe(ref b, (nuint)((k + 1) * TileWidth)), odd0);
                odd1 = Vector.MultiplyAddEstimate(u1, Vector.LoadUnsafe(ref b, (nuint)((k + 1) * TileWidth + width)), odd1);
            }
            if (k < dim)
            {
                var u0 = new Vector<float>(Unsafe.Add(ref a, k));
                even0 = Vector.MultiplyAddEstimate(u0, Vector.LoadUnsafe(ref b, (nuint)(k * TileWidth)), even0);
                even1 = Vector.MultiplyAddEstimate(u0, Vector.LoadUnsafe(ref b, (nuint)(k * TileWidth + width)), even1);
            }
            (even0 + odd0).StoreUnsafe(ref c, (nuint)(tile * TileWidth));
            (even1 + odd1).StoreUnsafe(ref c, (nuint)(tile * TileWidth + width));
        }
    }

    /// <summary>
    /// scores[u * PaddedItemCount + i] = users[u] · item i for <paramref name="userCount"/> (a multiple of
    /// <see cref="UserTile"/>) consecutive user rows, with a 4 users × 2 vectors register tile of accumulators.
    /// </summary>
    public void Score(ReadOnlySpan<float> users, int userCount, Span<float> scores)
    {
        int dim = Dim, width = Vector<float>.Count, tileFloats = dim * TileWidth, stride = PaddedItemCount;
        if (userCount % UserTile != 0 || users.Length < userCount * dim || scores.Length < userCount * stride)
        {
            throw new ArgumentException($"{userCount} users need a multiple of {UserTile} users, {userCount * dim} user floats and {userCount * stride} score floats.");
        }
        ref float userStart = ref MemoryMarshal.GetReference(users);
        ref float scoreStart = ref MemoryMarshal.GetReference(scores);
        // Tile-outer: one item tile (dim × TileWidth floats) stays in L1 while every user of the block passes over it.
        for (int tile = 0; tile < TileCount; tile++)
        {
            ref float b = ref _data[tile * tileFloats];
            for (int u = 0; u < userCount; u += UserTile)
            {
                ref float a = ref Unsafe.Add(ref userStart, u * dim);
                Vector<float> c00 = default, c01 = default, c10 = default, c11 = default;
                Vector<float> c20 = default, c21 = default, c30 = default, c31 = default;
                for (int k = 0; k < dim; k++)
                {
                    var b0 = Vector.LoadUnsafe(ref b, (nuint)(k * TileWidth));
                    var b1 = Vector.LoadUnsafe(ref b, (nuint)(k * TileWidth + width));
                    var a0 = new Vector<float>(Unsafe.Add(ref a, k));
                    c00 = Vector.MultiplyAddEstimate(a0, b0, c00);
                    c01 = Vector.MultiplyAddEstimate(a0, b1, c01);
                    var a1 = new Vector<float>(Unsafe.Add(ref a, dim + k));
                    c10 = Vector.MultiplyAddEstimate(a1, b0, c10);
                    c11 = Vector.MultiplyAddEstimate(a1, b1, c11);
                    var a2 = new Vector<float>(Unsafe.Add(ref a, 2 * dim + k));
                    c20 = Vector.MultiplyAddEstimate(a2, b0, c20);
                    c21 = Vector.MultiplyAddEstimate(a2, b1, c21);
                    var a3 = new Vector<float>(Unsafe.Add(ref a, 3 * dim + k));
                    c30 = Vector.MultiplyAddEstimate(a3, b0, c30);
                    c31 = Vector.MultiplyAddEstimate(a3, b1, c31);
                }
                ref float c = ref Unsafe.Add(ref scoreStart, u * stride + tile * TileWidth);
                c00.StoreUnsafe(ref c);
                c01.StoreUnsafe(ref c, (nuint)width);
                c10.StoreUnsafe(ref c, (nuint)stride);
                c11.StoreUnsafe(ref c, (nuint)(stride + width));
                c20.StoreUnsafe(ref c, (nuint)(2 * stride));
                c21.StoreUnsafe(ref c, (nuint)(2 * stride + width));
                c30.StoreUnsafe(ref c, (nuint)(3 * stride));
                c31.StoreUnsafe(ref c, (nuint)(3 * stride + width));
            }
        }
    }
}
