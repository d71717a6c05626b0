using System.Numerics.Tensors;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Grains.Training;

namespace LiveGraphRec.Training.Hosting;

/// <summary>
/// Decides whether a trained model may replace the serving one: both rank the held-out newest edges of the
/// snapshot (training edges excluded) and the candidate passes if its Recall@K is at least the serving model's
/// minus the tolerance. Without a serving model the popularity ranking is the bar. Nodes the serving model does
/// not know score zero for it (their online fold-in is not part of the comparison).
/// </summary>
public static class ValidationGate
{
    public static ValidationReport Compare(TrainingSnapshot snapshot, EmbeddingFactors candidate, ServingModel? serving, TrainerOptions options)
    {
        int k = options.ValidationK;
        MetricsReport ofCandidate = RankingEvaluator.Evaluate(candidate, snapshot.Graphs, [k], options.Threads);
        EmbeddingFactors baseline = serving is null
            ? PopularityModel.Fit(snapshot.Graphs.Train)
            : AlignedEmbeddings.Align(serving.Final, snapshot.Users, snapshot.Items).Factors;
        MetricsReport ofServing = RankingEvaluator.Evaluate(baseline, snapshot.Graphs, [k], options.Threads);
        string name = serving is null ? "popularity" : $"{serving.Final.ModelName} v{serving.Final.Version}";
        return new ValidationReport(ofCandidate.TestUsers, k, ofCandidate.At(k).Recall, ofServing.At(k).Recall, options.Tolerance, name);
    }

    /// <returns>Null when the candidate may be published, else why not.</returns>
    public static string? Refusal(ValidationReport report, EmbeddingFactors candidate)
    {
        if (!IsFinite(candidate.UserVectors) || !IsFinite(candidate.ItemVectors))
        {
            return "the trained embeddings are not finite (training diverged)";
        }
        if (report.Users == 0)
        {
            return "no held-out edge to validate on (too few new user–item pairs among the newest events)";
        }
        return report.CandidateRecall >= report.ServingRecall - report.Tolerance
            ? null
            : $"Recall@{report.K} {report.CandidateRecall:F4} is below the serving model's {report.ServingRecall:F4} " +
              $"({report.Baseline}) by more than the tolerance {report.Tolerance}";
    }

    /// <summary>A NaN or infinity anywhere makes the sum of squares non-finite (so does overflow, which is as bad).</summary>
    private static bool IsFinite(float[] values) => float.IsFinite(TensorPrimitives.SumOfSquares(values));
}
