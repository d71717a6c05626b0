using System.Globalization;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Grains.Training;

namespace LiveGraphRec.Training.Hosting;

/// <summary>
/// The folder of versioned models (<see cref="TrainerOptions.ModelFolder"/>): per version the published final
/// embeddings (<c>model-{version}.lgr</c>) and the trainer's E⁰ for the next warm start (<c>model-{version}.ego.lgr</c>).
/// Files are written atomically and read back — checksums verified — before anything is published from them.
/// </summary>
public sealed class ModelStore(IOptions<TrainerOptions> options)
{
    private const string Prefix = "model-", FinalSuffix = ".lgr", EgoSuffix = ".ego.lgr";

    private string Folder => options.Value.ModelFolder;

    public string FinalPath(long version) => Path.Combine(Folder, $"{Prefix}{version:D12}{FinalSuffix}");
    public string EgoPath(long version) => Path.Combine(Folder, $"{Prefix}{version:D12}{EgoSuffix}");

    /// <summary>The highest version with a final file in the folder (0: none), so a new version never repeats one.</summary>
    public long HighestVersion()
    {
        if (!Directory.Exists(Folder))
        {
            return 0;
        }
        return Directory.EnumerateFiles(Folder, $"{Prefix}*{FinalSuffix}")
            .Select(Path.GetFileName)
            .Where(name => !name!.EndsWith(EgoSuffix, StringComparison.Ordinal))
            .Select(name => long.TryParse(name![Prefix.Length..^FinalSuffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : 0)
            .DefaultIfEmpty(0)
            .Max();
    }

    /// <summary>Where a seed file's E⁰ lies, when it has one: <c>NAME.ego.lgr</c> beside <c>NAME.lgr</c>.</summary>
    public static string SeedEgoPath(string seedPath) => Path.ChangeExtension(seedPath, null) + EgoSuffix;

    /// <summary>
    /// The serving model: this trainer's last published version, else <see cref="TrainerOptions.InitialModelPath"/>
    /// (the seed, with its E⁰ from <see cref="SeedEgoPath"/> when that file exists), else none.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is corrupt.</exception>
    public ServingModel? LoadServing(long publishedVersion)
    {
        if (publishedVersion > 0 && File.Exists(FinalPath(publishedVersion)))
        {
            EmbeddingModel final = EmbeddingFile.Read(FinalPath(publishedVersion));
            EmbeddingModel ego = File.Exists(EgoPath(publishedVersion)) ? EmbeddingFile.Read(EgoPath(publishedVersion)) : final;
            return new ServingModel(final, ego, FinalPath(publishedVersion));
        }
        if (options.Value.InitialModelPath is { Length: > 0 } seed && File.Exists(seed))
        {
            EmbeddingModel final = EmbeddingFile.Read(seed);
            string egoPath = SeedEgoPath(seed);
            return new ServingModel(final, File.Exists(egoPath) ? EmbeddingFile.Read(egoPath) : final, seed);
        }
        return null;
    }

    /// <summary>Writes both files of a version, then reads the final one back: what it returns passed the checksums.</summary>
    public EmbeddingModel Save(EmbeddingModel final, EmbeddingModel ego)
    {
        Directory.CreateDirectory(Folder);
        EmbeddingFile.Write(EgoPath(final.Version), ego);
        EmbeddingFile.Write(FinalPath(final.Version), final);
        EmbeddingFile.Read(EgoPath(final.Version));
        return EmbeddingFile.Read(FinalPath(final.Version));
    }
}
