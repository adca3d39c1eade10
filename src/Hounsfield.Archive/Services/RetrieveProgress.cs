using System.Collections.Concurrent;
using Hounsfield.Dicom;
using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Archive.Services;

/// <summary>The sub-operation counts of a C-MOVE or C-GET (PS3.4 C.4.2.1.4), safe to update from parallel senders.</summary>
internal sealed class RetrieveProgress(int total)
{
    private int _completed;
    private int _failed;
    private int _warning;
    private readonly ConcurrentBag<string> _failedUids = [];

    public void Record(string sopInstanceUid, DimseStatus status)
    {
        switch (status.State)
        {
            case DimseStatusState.Success:
                Interlocked.Increment(ref _completed);
                break;
            case DimseStatusState.Warning:
                Interlocked.Increment(ref _warning);
                break;
            default:
                Interlocked.Increment(ref _failed);
                _failedUids.Add(sopInstanceUid);
                break;
        }
    }

    public int Done => Volatile.Read(ref _completed) + Volatile.Read(ref _failed) + Volatile.Read(ref _warning);

    /// <summary>Fills the counts of <paramref name="response"/>; a final response also gets the Failed SOP Instance UID List.</summary>
    public TResponse Fill<TResponse>(TResponse response) where TResponse : DimseRetrieveResponse
    {
        var remaining = Math.Max(0, total - Done);
        response.Completed = (ushort)Math.Min(ushort.MaxValue, _completed);
        response.Failed = (ushort)Math.Min(ushort.MaxValue, _failed);
        response.Warning = (ushort)Math.Min(ushort.MaxValue, _warning);
        if (response.Status.IsPending)
        {
            response.Remaining = (ushort)Math.Min(ushort.MaxValue, remaining);
            return response;
        }
        if (response.Status == DimseStatus.Cancel) response.Remaining = (ushort)Math.Min(ushort.MaxValue, remaining);
        if (!_failedUids.IsEmpty)
        {
            response.Dataset = new DicomDataset().Set(DicomTag.FailedSOPInstanceUIDList, DicomVR.UI, _failedUids.ToArray());
            response.SetHasDataset(true);
        }
        return response;
    }

    /// <summary>The final status: success, B000H when some failed or warned, A702H when none succeeded.</summary>
    public DimseStatus FinalStatus => (_failed, _warning, _completed) switch
    {
        (0, 0, _) => DimseStatus.Success,
        (_, _, 0) when _warning == 0 => DimseStatus.OutOfResourcesUnableToPerformSubOperations,
        _ => DimseStatus.SubOperationsCompleteWithFailures,
    };
}
