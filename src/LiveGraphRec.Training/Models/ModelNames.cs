namespace LiveGraphRec.Training.Models;

/// <summary>The trainable models by configuration name.</summary>
public static class ModelNames
{
    public const string LightGcn = "lightgcn";
    public const string Ngcf = "ngcf";
    public static readonly string[] All = [LightGcn];
}
