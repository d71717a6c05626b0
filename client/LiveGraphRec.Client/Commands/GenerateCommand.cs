using System.ComponentModel;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Synthetic;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary><c>lgr generate</c>: writes a synthetic event file.</summary>
public sealed class GenerateCommand(IAnsiConsole console) : Command<GenerateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-o|--out <FILE>")]
        [Description("Event CSV to write (user,item,timestamp,weight).")]
        public string Out { get; init; } = "";

        [CommandOption("--users <N>")]
        [DefaultValue(1_000)]
        public int Users { get; init; } = 1_000;

        [CommandOption("--items <N>")]
        [DefaultValue(500)]
        public int Items { get; init; } = 500;

        [CommandOption("--interactions <N>")]
        [Description("Number of events, repeated user–item pairs included.")]
        [DefaultValue(20_000)]
        public int Interactions { get; init; } = 20_000;

        [CommandOption("--communities <N>")]
        [Description("Taste communities; users mostly pick items of their own community.")]
        [DefaultValue(20)]
        public int Communities { get; init; } = 20;

        [CommandOption("--affinity <P>")]
        [Description("Probability that an event picks from the user's community rather than from all items.")]
        [DefaultValue(0.8)]
        public double Affinity { get; init; } = 0.8;

        [CommandOption("--drift <F>")]
        [Description("Fraction of users whose community changes once during the time span.")]
        [DefaultValue(0.0)]
        public double Drift { get; init; }

        [CommandOption("--days <N>")]
        [Description("Time span of the events, in days.")]
        [DefaultValue(90)]
        public int Days { get; init; } = 90;

        [CommandOption("--seed <SEED>")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Out))
            {
                return ValidationResult.Error("--out is required.");
            }
            try
            {
                ToOptions().Validate();
                return ValidationResult.Success();
            }
            catch (ArgumentOutOfRangeException e)
            {
                return ValidationResult.Error(e.Message);
            }
        }

        public SyntheticOptions ToOptions() => new()
        {
            Users = Users, Items = Items, Interactions = Interactions, Communities = Communities,
            CommunityAffinity = Affinity, DriftFraction = Drift, TimeSpan = TimeSpan.FromDays(Days), Seed = Seed,
        };
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Dataset dataset = SyntheticGenerator.Generate(settings.ToOptions());
        EventCsvWriter.Write(settings.Out, dataset);
        console.MarkupLineInterpolated(
            $"Wrote [green]{dataset.Train.Length:N0}[/] events ({dataset.UserCount:N0} users, {dataset.ItemCount:N0} items) to {settings.Out}");
        return 0;
    }
}
