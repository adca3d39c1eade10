namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// Asynchronous Operations Window sub-item (0x53, PS3.7 D.3.3.3): how many DIMSE operations may be
/// outstanding at once. 0 means unlimited; the default when absent is 1 and 1 (synchronous).
/// </summary>
/// <param name="MaxOperationsInvoked">Maximum number of operations the requestor may invoke asynchronously.</param>
/// <param name="MaxOperationsPerformed">Maximum number of operations the requestor may perform asynchronously.</param>
public sealed record AsynchronousOperationsWindow(ushort MaxOperationsInvoked, ushort MaxOperationsPerformed)
{
    internal const int ValueLength = 4;

    internal void WriteValue(ref PduSpanWriter w)
    {
        w.WriteUInt16(MaxOperationsInvoked);
        w.WriteUInt16(MaxOperationsPerformed);
    }

    internal static AsynchronousOperationsWindow Read(PduSpanReader r)
    {
        if (r.Remaining != ValueLength)
        {
            throw new PduFormatException(
                $"Asynchronous Operations Window sub-item length is {r.Remaining}, must be 4",
                AbortReason.InvalidPduParameterValue, r.Offset);
        }
        return new(r.ReadUInt16("max operations invoked"), r.ReadUInt16("max operations performed"));
    }
}
