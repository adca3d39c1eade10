using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;

namespace Hounsfield.Cli.Commands;

/// <summary>A failure the user can act on: printed without a stack trace, exit code 1.</summary>
internal sealed class CommandException(string message) : Exception(message);

/// <summary>Runs a command body and turns expected failures into a message on stderr and an exit code.</summary>
internal static class CommandRunner
{
    public static int Run(Action body) => RunAsync(() =>
    {
        body();
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("hounsfield: cancelled");
            return 130;
        }
        catch (Exception e) when (IsExpected(e))
        {
            Console.Error.WriteLine($"hounsfield: {e.Message}");
            return 1;
        }
    }

    private static bool IsExpected(Exception e) =>
        e is CommandException or DicomFormatException or DicomNetworkException or IOException or UnauthorizedAccessException
            or InvalidOperationException or FormatException or System.Security.Cryptography.CryptographicException or System.Net.Sockets.SocketException
            or System.Data.Common.DbException;
}
