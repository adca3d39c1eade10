using System.Collections.Concurrent;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;

namespace Hounsfield.Interop.Tests.Support;

/// <summary>
/// Four associations storing files into a server that is about to be stopped or killed: records each
/// instance the server acknowledged, and treats the association ending under it as expected.
/// </summary>
public static class ConcurrentStores
{
    /// <summary>Starts the four senders; <paramref name="acknowledged"/> maps SOP Instance UID to the file sent.</summary>
    public static Task StartAsync(int port, IReadOnlyList<string> files, ConcurrentDictionary<string, string> acknowledged) =>
        Task.WhenAll(Enumerable.Range(0, 4).Select(a => Task.Run(async () =>
        {
            try
            {
                var mine = files.Where((_, i) => i % 4 == a).Select(f => DicomFile.Open(f)).ToList();
                await using var client = await DicomClient.ConnectAsync($"HOUNSFIELD@127.0.0.1:{port}", new DicomClientOptions().ProposeFor(mine));
                foreach (var file in mine)
                {
                    var response = await client.StoreAsync(file);
                    if (response.Status.IsSuccess) acknowledged[file.Dataset.GetString(DicomTag.SOPInstanceUID)!] = file.SourcePath!;
                }
            }
            catch (Exception e) when (e is DicomNetworkException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                // The server stopped or died under us: expected.
            }
        })));

    /// <summary>Waits (up to a minute) until at least <paramref name="count"/> stores were acknowledged.</summary>
    public static async Task WaitForAsync(ConcurrentDictionary<string, string> acknowledged, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count < count && DateTime.UtcNow < deadline) await Task.Delay(5);
    }
}
