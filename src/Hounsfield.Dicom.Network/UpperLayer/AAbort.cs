namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>A-ABORT PDU (type 0x07, PS3.8 §9.3.8): ends the association at once.</summary>
public sealed class AAbort : Pdu
{
    /// <summary>Creates the PDU.</summary>
    public AAbort(AbortSource source, AbortReason reason)
    {
        Source = source;
        Reason = reason;
    }

    /// <summary>Who aborted.</summary>
    public AbortSource Source { get; }

    /// <summary>Why; 0 when the source is the service-user.</summary>
    public AbortReason Reason { get; }

    /// <inheritdoc/>
    public override PduType Type => PduType.AAbort;

    /// <summary>Source and reason in the standard's words.</summary>
    public string Description => Source switch
    {
        AbortSource.ServiceUser => "A-ABORT by the service-user",
        AbortSource.ServiceProvider => $"A-P-ABORT by the service-provider, reason {(byte)Reason} ({Reason})",
        _ => $"A-ABORT with reserved source {(byte)Source}, reason {(byte)Reason}",
    };

    internal override int BodyLength => 4;

    internal override void WriteBody(ref PduSpanWriter w)
    {
        w.WriteZeros(2);
        w.WriteByte((byte)Source);
        w.WriteByte((byte)Reason);
    }

    internal static AAbort Read(PduSpanReader r)
    {
        r.Skip(2, "reserved");
        var source = r.ReadByte("abort source");
        var reason = r.ReadByte("abort reason");
        // Values outside the tables are reported as they are: an abort is final whatever it says.
        return new AAbort((AbortSource)source, (AbortReason)reason);
    }
}
