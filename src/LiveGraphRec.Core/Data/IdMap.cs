using System.Runtime.InteropServices;
using System.Text;

namespace LiveGraphRec.Core.Data;

/// <summary>
/// A stable, persistable map between external string ids and dense indices 0..Count-1.
/// Indices are assigned in first-seen order and never change.
/// </summary>
public sealed class IdMap
{
    private readonly Dictionary<string, int> _indexOf;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _spanLookup;
    private readonly List<string> _ids;

    public IdMap(int capacity = 0)
    {
        _indexOf = new Dictionary<string, int>(capacity, StringComparer.Ordinal);
        _spanLookup = _indexOf.GetAlternateLookup<ReadOnlySpan<char>>();
        _ids = new List<string>(capacity);
    }

    public int Count => _ids.Count;

    /// <summary>External id of a dense index.</summary>
    public string this[int index] => _ids[index];

    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Returns the index of <paramref name="id"/>, adding it when new. Allocates only for new ids.</summary>
    public int GetOrAdd(ReadOnlySpan<char> id)
    {
        ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_spanLookup, id, out bool exists);
        if (!exists)
        {
            slot = _ids.Count;
            _ids.Add(id.ToString());
        }
        return slot;
    }

    public bool TryGetIndex(ReadOnlySpan<char> id, out int index) => _spanLookup.TryGetValue(id, out index);

    /// <summary>Writes the ids in index order (count, then length-prefixed UTF-8 strings).</summary>
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(_ids.Count);
        foreach (string id in _ids)
        {
            writer.Write(id);
        }
    }

    public static IdMap ReadFrom(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"Id map count {count} is negative.");
        }
        var map = new IdMap(count);
        for (int i = 0; i < count; i++)
        {
            string id = reader.ReadString();
            if (map.GetOrAdd(id) != i)
            {
                throw new InvalidDataException($"Id map holds '{id}' twice (index {i}).");
            }
        }
        return map;
    }

    /// <summary>An identity map "0".."count-1", for sources whose ids are already dense.</summary>
    public static IdMap Sequential(int count)
    {
        var map = new IdMap(count);
        Span<char> buffer = stackalloc char[11];
        for (int i = 0; i < count; i++)
        {
            i.TryFormat(buffer, out int written);
            map.GetOrAdd(buffer[..written]);
        }
        return map;
    }
}
