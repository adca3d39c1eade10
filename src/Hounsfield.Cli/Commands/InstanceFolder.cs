using Hounsfield.Dicom;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Cli.Commands;

/// <summary>The output folder of <c>get --out</c> and <c>move --listen --out</c>: one file per instance, named by its SOP Instance UID.</summary>
internal sealed class InstanceFolder
{
    private int _saved;

    public InstanceFolder(DirectoryInfo folder)
    {
        folder.Create();
        Path = folder.FullName;
    }

    public string Path { get; }

    /// <summary>Instances written so far.</summary>
    public int Saved => Volatile.Read(ref _saved);

    /// <summary>Every storage SOP class of the UID registry: what a retrieve may bring back.</summary>
    public static IEnumerable<string> StorageSopClasses =>
        DicomUid.All.Where(u => u.Type == DicomUidType.SopClass && u.Keyword.EndsWith("Storage", StringComparison.Ordinal)).Select(u => u.Value);

    /// <summary>Moves the received file into the folder (replacing an earlier copy of the same instance).</summary>
    public DimseResponse Save(CStoreRequest request)
    {
        if (request.ReceivedFilePath is not { } path) return request.CreateResponse(DimseStatus.ProcessingFailure, "the data set was not received");
        File.Move(path, System.IO.Path.Combine(Path, SafeName(request.AffectedSopInstanceUid) + ".dcm"), overwrite: true);
        Interlocked.Increment(ref _saved);
        return request.CreateResponse(DimseStatus.Success);
    }

    // UIDs are digits and dots; anything else a peer sends is replaced so it cannot leave the folder.
    private static string SafeName(string? uid) =>
        string.IsNullOrEmpty(uid) ? Guid.NewGuid().ToString("N") : new string(uid.Select(c => char.IsAsciiDigit(c) || c == '.' ? c : '_').ToArray());
}
