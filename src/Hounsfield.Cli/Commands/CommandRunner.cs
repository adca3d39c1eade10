using Hounsfield.Dicom;

namespace Hounsfield.Cli.Commands;

/// <summary>A failure the user can act on: printed without a stack trace, exit code 1.</summary>
internal sealed class CommandException(string message) : Exception(message);

/// <summary>Runs a command body and turns expected failures into a message on stderr and an exit code.</summary>
internal static class CommandRunner
{
    public static int Run(Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception e) when (e is CommandException or DicomFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"hounsfield: {e.Message}");
            return 1;
        }
    }
}
