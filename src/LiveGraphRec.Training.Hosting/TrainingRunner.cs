using System.Globalization;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Training.Hosting;

/// <summary>
/// One run of a <see cref="TrainingJob"/>: snapshot the interaction log, warm-start from the serving model, train
/// on a dedicated thread, validate, write and verify the versioned files, then publish with the cut so the
/// grains re-link what came after it. Every way out reports to the trainer grain; nothing before the publish
/// step touches the serving grains, so a failure or a lost silo leaves serving as it was.
/// </summary>
public sealed partial class TrainingRunner(
    IGrainFactory grains,
    IInteractionLog log,
    ModelStore store,
    EmbeddingPublisher publisher,
    TrainerMetrics metrics,
    IOptions<TrainerOptions> trainerOptions,
    IOptions<GraphOptions> graphOptions,
    ILogger<TrainingRunner> logger)
{
    private static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(1);

    private TrainerOptions Options => trainerOptions.Value;

    public async Task RunAsync(TrainingJob job, CancellationToken stoppingToken)
    {
        ITrainerGrain trainer = grains.GetGrain<ITrainerGrain>(ITrainerGrain.Singleton);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var progress = new RunProgress();
        Task heartbeat = HeartbeatAsync(trainer, job.RunId, progress, run);
        TrainingRunSummary summary;
        try
        {
            summary = await ExecuteAsync(job, trainer, progress, run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            summary = Summary(job, TrainingOutcome.Failed,
                stoppingToken.IsCancellationRequested ? "Stopped with the silo." : "Stopped: the trainer gave this run up.", progress.Current.Epoch);
        }
        catch (Exception e)
        {
            LogRunFailed(logger, e, job.RunId);
            summary = Summary(job, TrainingOutcome.Failed, $"{e.GetType().Name}: {e.Message}", progress.Current.Epoch);
        }
        finally
        {
            await run.CancelAsync();
            await heartbeat;
        }
        metrics.Run(summary.Outcome);
        try
        {
            await trainer.CompleteRunAsync(summary);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The grain then finds the run lost when it next looks, and records it as abandoned.
            LogReportFailed(logger, e, job.RunId);
        }
    }

    private async Task<TrainingRunSummary> ExecuteAsync(TrainingJob job, ITrainerGrain trainer, RunProgress progress, CancellationToken cancellationToken)
    {
        long logged = await log.CountAsync();
        if (logged < Options.MinEvents)
        {
            return Summary(job, TrainingOutcome.Failed,
                $"The interaction log holds {logged} events; a run needs at least {Options.MinEvents} ({TrainerOptions.Section}:MinEvents).");
        }
        TrainingSnapshot snapshot = TrainingSnapshot.Build(await log.ReadAsync(1, logged, cancellationToken), Options.ValidationFraction);
        LogSnapshot(logger, job.RunId, snapshot.Events, snapshot.Cut, snapshot.Users.Count, snapshot.Items.Count, snapshot.Graphs.Test.EdgeCount);
        ServingModel? serving = store.LoadServing(job.PublishedVersion);
        float[]? initialEgo = serving is null ? null : await WarmStartAsync(snapshot, serving, cancellationToken);

        progress.Phase("training");
        // The synchronous TorchSharp run gets a thread of its own (dispose scopes are thread-static, and it must
        // not hold a thread-pool thread for minutes); this method only awaits it.
        Trained trained = await Task.Factory.StartNew(() => Train(snapshot, initialEgo, serving, progress, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        metrics.Validation(trained.Validation);
        if (ValidationGate.Refusal(trained.Validation, trained.Final) is { } refusal)
        {
            return Summary(job, TrainingOutcome.Rejected, $"Kept the serving model: {refusal}.", trained.Epochs, snapshot, trained.Validation);
        }

        long version = Math.Max(Math.Max(job.PublishedVersion, store.HighestVersion()), serving?.Final.Version ?? 0) + 1;
        EmbeddingModel verified = store.Save(ToModel(trained.Final, snapshot, version, trained), ToModel(trained.Ego, snapshot, version, trained));
        if (!await trainer.BeginPublishAsync(job.RunId, version))
        {
            return Summary(job, TrainingOutcome.Failed, "The trainer gave this run up before it published.", trained.Epochs, snapshot, trained.Validation);
        }
        progress.Phase("publishing");
        ModelCut cut = await CutAsync(snapshot.Cut, cancellationToken);
        PublishReport report = await publisher.PublishAsync(verified, cut, cancellationToken);
        metrics.Published(version);
        return Summary(job, TrainingOutcome.Published,
            $"Published version {version} ({report.Applied} nodes took it, {report.Rebased} rebased; {cut.Users.Count} users re-link events after the cut).",
            trained.Epochs, snapshot, trained.Validation, version);
    }

    /// <summary>Runs on the training thread: no await in here (TorchSharp dispose scopes are thread-static).</summary>
    private Trained Train(TrainingSnapshot snapshot, float[]? initialEgo, ServingModel? serving, RunProgress progress, CancellationToken cancellationToken)
    {
        TrainingOptions options = TrainerOptionsChecks.ToTrainingOptions(Options, graphOptions.Value);
        using var trainer = new GraphTrainer(snapshot.Graphs, options, initialEgo);
        EmbeddingFactors? bestFinal = null, bestEgo = null;
        TrainingResult result = trainer.Train(checkpointPath: null, resume: false, batchProgress: null,
            onEpoch: epoch =>
            {
                metrics.Epoch(epoch.TrainTime, epoch.MeanLoss);
                progress.Epoch(epoch.Epoch, epoch.MeanLoss);
            },
            onBest: (factors, _, _) =>
            {
                bestFinal = factors;
                bestEgo = trainer.EgoEmbeddings();
            },
            cancellationToken);
        progress.Phase("validating");
        // No evaluation improved on nothing (a diverged run scores NaN): the gate judges the last state.
        EmbeddingFactors final = bestFinal ?? trainer.FinalEmbeddings();
        EmbeddingFactors ego = bestEgo ?? trainer.EgoEmbeddings();
        return new Trained(final, ego, result.EpochsCompleted, ValidationGate.Compare(snapshot, final, serving, Options));
    }

    private async Task<float[]?> WarmStartAsync(TrainingSnapshot snapshot, ServingModel serving, CancellationToken cancellationToken)
    {
        int dimension = graphOptions.Value.Dimension;
        if (serving.Ego.Dimension != dimension)
        {
            LogColdStart(logger, serving.Source, serving.Ego.Dimension, dimension);
            return null;
        }
        var users = await FoldInsAsync(WarmStart.Unknown(snapshot.Users, serving.Ego.Users), id => grains.GetGrain<IUserGrain>(id), cancellationToken);
        var items = await FoldInsAsync(WarmStart.Unknown(snapshot.Items, serving.Ego.Items), id => grains.GetGrain<IItemGrain>(id), cancellationToken);
        WarmStart warm = WarmStart.Build(snapshot, serving, users, items, dimension, Options.Seed);
        LogWarmStart(logger, serving.Source, warm.FromModel, warm.FromFoldIn, warm.Random);
        return warm.Ego;
    }

    /// <summary>The current final embeddings of nodes the serving model lacks, in batches of concurrent calls.</summary>
    private static async Task<Dictionary<string, float[]>> FoldInsAsync(IReadOnlyList<string> ids, Func<string, IGraphNodeGrain> grainOf,
        CancellationToken cancellationToken)
    {
        var embeddings = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (string[] batch in ids.Chunk(EmbeddingPublisher.BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (NodeProfile profile in await Task.WhenAll(batch.Select(id => grainOf(id).GetProfileAsync())))
            {
                embeddings[profile.Id] = profile.Embedding;
            }
        }
        return embeddings;
    }

    /// <summary>The nodes with log entries after the cut (held out or newer): the publish re-links their edges.</summary>
    private async Task<ModelCut> CutAsync(long cut, CancellationToken cancellationToken)
    {
        long now = await log.CountAsync();
        IReadOnlyList<LoggedInteraction> after = now > cut ? await log.ReadAsync(cut + 1, now, cancellationToken) : [];
        return new ModelCut(cut, after.Select(e => e.UserId).ToHashSet(StringComparer.Ordinal), after.Select(e => e.ItemId).ToHashSet(StringComparer.Ordinal));
    }

    private EmbeddingModel ToModel(EmbeddingFactors factors, TrainingSnapshot snapshot, long version, Trained trained)
    {
        TrainingOptions options = TrainerOptionsChecks.ToTrainingOptions(Options, graphOptions.Value);
        var hyperparameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model"] = options.Model,
            ["sampler"] = options.Sampler,
            ["candidates"] = options.Candidates.ToString(CultureInfo.InvariantCulture),
            ["negatives"] = options.Negatives.ToString(CultureInfo.InvariantCulture),
            ["layers"] = options.Layers.ToString(CultureInfo.InvariantCulture),
            ["batch"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["lr"] = options.LearningRate.ToString("R", CultureInfo.InvariantCulture),
            ["decay"] = options.Decay.ToString("R", CultureInfo.InvariantCulture),
            ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = trained.Epochs.ToString(CultureInfo.InvariantCulture),
            // The consistent cut: the model saw interaction log entries 1..cut (the rest of the snapshot was held out).
            ["log.cut"] = snapshot.Cut.ToString(CultureInfo.InvariantCulture),
            ["log.snapshot"] = snapshot.Events.ToString(CultureInfo.InvariantCulture),
        };
        var metricsByName = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [$"validation.recall@{trained.Validation.K}"] = trained.Validation.CandidateRecall,
            [$"serving.recall@{trained.Validation.K}"] = trained.Validation.ServingRecall,
        };
        return new EmbeddingModel($"{options.Model}+{options.Sampler}", version, factors.Dimension, snapshot.Users, snapshot.Items,
            factors.UserVectors, factors.ItemVectors, hyperparameters, metricsByName, DateTimeOffset.UtcNow);
    }

    /// <summary>Tells the grain how far the run got, once per period; stops the run when the grain has given it up.</summary>
    private async Task HeartbeatAsync(ITrainerGrain trainer, Guid runId, RunProgress progress, CancellationTokenSource run)
    {
        using var timer = new PeriodicTimer(HeartbeatPeriod);
        try
        {
            do
            {
                RunProgress.Snapshot now = progress.Current;
                try
                {
                    if (!await trainer.ReportProgressAsync(new TrainingProgress(runId, now.Phase, now.Epoch, now.Loss)))
                    {
                        LogGivenUp(logger, runId);
                        await run.CancelAsync();
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogHeartbeatFailed(logger, e, runId);
                }
            }
            while (await timer.WaitForNextTickAsync(run.Token));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TrainingRunSummary Summary(TrainingJob job, TrainingOutcome outcome, string message, int epochs = 0,
        TrainingSnapshot? snapshot = null, ValidationReport? validation = null, long version = 0) =>
        new(job.RunId, job.Reason, job.StartedAt, DateTimeOffset.UtcNow, outcome, message, epochs, snapshot?.Cut ?? 0, snapshot?.Events ?? 0,
            validation, version);

    private sealed record Trained(EmbeddingFactors Final, EmbeddingFactors Ego, int Epochs, ValidationReport Validation);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Run {RunId}: snapshot of {Events} log entries, cut at {Cut}; {Users} users, {Items} items, {Held} held-out edges")]
    private static partial void LogSnapshot(ILogger logger, Guid runId, long events, long cut, int users, int items, int held);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warm start from {Source}: {FromModel} rows from the model, {FromFoldIn} online fold-ins, {Random} random")]
    private static partial void LogWarmStart(ILogger logger, string source, int fromModel, int fromFoldIn, int random);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The serving model {Source} is {Dimension}-dimensional, the cluster {Configured}: cold start")]
    private static partial void LogColdStart(ILogger logger, string source, int dimension, int configured);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training run {RunId} failed; the serving model is unchanged")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId} could not report its end to the trainer grain")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId} was given up by the trainer grain; stopping")]
    private static partial void LogGivenUp(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Training run {RunId}: heartbeat failed; retrying")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, Guid runId);
}
