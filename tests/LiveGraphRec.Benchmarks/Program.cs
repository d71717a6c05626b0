using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// In-process short runs (3 warm-ups, 3 measured iterations): the machine has 2 cores and TorchSharp's
// native library is already loadable from this output folder. The in-process default gives a case 5 minutes,
// setup included; building the opt-in million-item HNSW index takes longer.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)))
    .AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
