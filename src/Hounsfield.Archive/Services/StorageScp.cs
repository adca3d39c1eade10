using Hounsfield.Archive.Coercion;
using Hounsfield.Archive.Index;
using Hounsfield.Archive.Storage;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Services;

/// <summary>
/// The Storage SCP (PS3.4 Annex B): checks an instance against its command, commits the file
/// durably, indexes it, and only then answers success — the acknowledgement promises the instance
/// survives a crash.
/// </summary>
public sealed class StorageScp(StorageArea storage, IArchiveIndex index, ArchiveOptions options, Action<string>? log = null)
{
    private readonly StoreCoercion _coercion = new(index, options.Coercion);
    private readonly IngestTranscoding _ingest = new(options.Ingest, log);

    /// <summary>Every storage SOP class of the UID registry plus the configured private ones.</summary>
    public IEnumerable<string> SopClasses =>
        DicomUid.All.Where(u => u.Type == DicomUidType.SopClass && u.Keyword.EndsWith("Storage", StringComparison.Ordinal))
            .Select(u => u.Value)
            .Concat(options.AdditionalStorageSopClasses)
            .Distinct();

    /// <summary>The transfer syntaxes accepted for storage, in our order: uncompressed little endian first, then every encapsulated syntax as received.</summary>
    public static IReadOnlyList<DicomTransferSyntax> TransferSyntaxes { get; } =
    [
        DicomTransferSyntax.ExplicitVRLittleEndian,
        DicomTransferSyntax.ImplicitVRLittleEndian,
        .. DicomUid.All.Where(u => u.Type == DicomUidType.TransferSyntax)
            .Select(u => DicomTransferSyntax.Get(u.Value))
            .Where(ts => ts.IsEncapsulated || ts.IsDeflated)
            .OrderBy(ts => ts.Uid.Value, StringComparer.Ordinal),
        DicomTransferSyntax.ExplicitVRBigEndian,
    ];

    /// <summary>Told about each accepted instance before the C-STORE is answered (routing, study completion).</summary>
    public List<IStoredInstanceObserver> Observers { get; } = [];

    /// <summary>The studies open associations have stored into (kept from <see cref="AutoDelete"/>).</summary>
    public StudiesBeingStored StudiesBeingStored { get; } = new();

    /// <summary>Handles one C-STORE.</summary>
    public async Task<DimseResponse> StoreAsync(CStoreRequest request, DimseContext context, CancellationToken cancellationToken)
    {
        if (request.File is not { } file || request.ReceivedFilePath is not { } received)
            return request.CreateResponse(DimseStatus.ProcessingFailure, "the data set was not received");
        if (Validate(request, file) is { } invalid) return invalid;
        if (storage.AvailableFreeSpace < options.MinimumFreeSpace)
            return request.CreateResponse(DimseStatus.OutOfResources, $"storage has less than {options.MinimumFreeSpace / (1024 * 1024)} MiB free");
        // A resend of a stored instance needs no disk flush when the policy keeps the stored copy;
        // the index still settles races between concurrent copies below.
        if (options.DuplicatePolicy != DuplicatePolicy.Replace
            && await index.ContainsInstanceAsync(request.AffectedSopInstanceUid!, cancellationToken).ConfigureAwait(false)
            && await index.FindInstanceAsync(request.AffectedSopInstanceUid!, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            log?.Invoke($"C-STORE {request.AffectedSopInstanceUid} from {context.CallingAETitle}: duplicate, {options.DuplicatePolicy}");
            if (options.DuplicatePolicy == DuplicatePolicy.Reject)
                return request.CreateResponse(DimseStatus.DuplicateSopInstance, "this SOP Instance UID is already stored");
            StudiesBeingStored.Add(context.Association, stored.StudyInstanceUid);
            await NotifyAsync(new StoredInstanceEvent(context.CallingAETitle, context.CalledAETitle, stored, file.Dataset, IndexOutcomeKind.DuplicateKept), cancellationToken).ConfigureAwait(false);
            return request.CreateResponse(DimseStatus.Success);
        }
        string path;
        try
        {
            var coercion = await _coercion.ApplyAsync(file, received, cancellationToken).ConfigureAwait(false);
            (file, var lossyIngest) = _ingest.Apply(coercion.File, received);
            var changes = lossyIngest ? [.. coercion.Changes, $"pixel data compressed lossily to {file.TransferSyntax.Name}"] : coercion.Changes;
            var size = new FileInfo(received).Length;
            path = storage.Commit(received);
            var record = InstanceRecord.From(file, path, size, context.CallingAETitle);
            // Once the file is in place the index must follow: an abort (shutdown, peer gone) must not
            // leave a committed file that the index does not know.
            var outcome = await index.StoreAsync(record, options.DuplicatePolicy, CancellationToken.None).ConfigureAwait(false);
            StudiesBeingStored.Add(context.Association, record.StudyInstanceUid);
            if (outcome.ObsoletePath is { } obsolete) storage.Delete(obsolete);
            log?.Invoke($"C-STORE {record.SopInstanceUid} from {context.CallingAETitle}: {outcome.Kind}");
            if (outcome.Kind == IndexOutcomeKind.DuplicateRejected)
                return request.CreateResponse(DimseStatus.DuplicateSopInstance, "this SOP Instance UID is already stored");
            await NotifyAsync(new StoredInstanceEvent(context.CallingAETitle, context.CalledAETitle, record, file.Dataset, outcome.Kind), cancellationToken).ConfigureAwait(false);
            // PS3.4 B.2.3: B000H tells the SCU that what is stored differs from what it sent.
            return changes.Count > 0
                ? request.CreateResponse(DimseStatus.CoercionOfDataElements, "coerced: " + string.Join("; ", changes))
                : request.CreateResponse(DimseStatus.Success);
        }
        catch (IOException e) when (IsDiskFull(e))
        {
            return request.CreateResponse(DimseStatus.OutOfResources, "the storage volume is full");
        }
    }

    private async Task NotifyAsync(StoredInstanceEvent stored, CancellationToken cancellationToken)
    {
        foreach (var observer in Observers) await observer.OnStoredAsync(stored, cancellationToken).ConfigureAwait(false);
    }

    private static DimseResponse? Validate(CStoreRequest request, DicomFile file)
    {
        var ds = file.Dataset;
        foreach (var tag in InstanceRecord.RequiredAttributes)
        {
            if (string.IsNullOrEmpty(ds.GetString(tag)))
                return request.CreateResponse(DimseStatus.CannotUnderstand, $"{tag.Keyword} {tag} is missing", tag);
        }
        if (ds.GetString(DicomTag.SOPClassUID) != request.AffectedSopClassUid)
            return request.CreateResponse(DimseStatus.DataSetDoesNotMatchSopClass, $"SOP Class UID {ds.GetString(DicomTag.SOPClassUID)} differs from the command's", DicomTag.SOPClassUID);
        if (ds.GetString(DicomTag.SOPInstanceUID) != request.AffectedSopInstanceUid)
            return request.CreateResponse(DimseStatus.DataSetDoesNotMatchSopClass, $"SOP Instance UID {ds.GetString(DicomTag.SOPInstanceUID)} differs from the command's", DicomTag.SOPInstanceUID);
        return null;
    }

    // ENOSPC (28) and EDQUOT (122) on Linux surface as IOException with these HResults.
    private static bool IsDiskFull(IOException e) => (e.HResult & 0xFFFF) is 28 or 122 or 0x70;
}
