using Spectre.Console;

namespace LiveGraphRec.Client.Commands;

internal static class OptionsValidation
{
    /// <summary>Runs an options record's own validation and turns its <see cref="ArgumentException"/> into the command's error.</summary>
    public static ValidationResult Of(Action validate)
    {
        try
        {
            validate();
            return ValidationResult.Success();
        }
        catch (ArgumentException e)
        {
            return ValidationResult.Error(e.Message);
        }
    }
}
