namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>A-ASSOCIATE-RJ PDU (type 0x03, PS3.8 §9.3.4): the association is refused.</summary>
public sealed class AAssociateRj : Pdu
{
    /// <summary>Creates the PDU.</summary>
    /// <param name="result">Permanent or transient.</param>
    /// <param name="source">Who refused.</param>
    /// <param name="reason">Reason/Diagnostic, whose meaning depends on <paramref name="source"/> (see <see cref="AssociateRejectReason"/>).</param>
    public AAssociateRj(AssociateRejectResult result, AssociateRejectSource source, byte reason)
    {
        Result = result;
        Source = source;
        Reason = reason;
    }

    /// <summary>Permanent or transient.</summary>
    public AssociateRejectResult Result { get; }

    /// <summary>Who refused.</summary>
    public AssociateRejectSource Source { get; }

    /// <summary>Reason/Diagnostic; its meaning depends on <see cref="Source"/>.</summary>
    public byte Reason { get; }

    internal override int BodyLength => 4;

    /// <inheritdoc/>
    public override PduType Type => PduType.AAssociateRj;

    /// <summary>The standard's wording of the reason.</summary>
    public string Description =>
        $"{(Result == AssociateRejectResult.RejectedPermanent ? "rejected-permanent" : "rejected-transient")}, " +
        $"source {(byte)Source} ({SourceName}), reason {Reason}: {AssociateRejectReason.Describe(Source, Reason)}";

    private string SourceName => Source switch
    {
        AssociateRejectSource.ServiceUser => "service-user",
        AssociateRejectSource.ServiceProviderAcse => "service-provider, ACSE",
        AssociateRejectSource.ServiceProviderPresentation => "service-provider, presentation",
        _ => "reserved",
    };

    internal override void WriteBody(ref PduSpanWriter w)
    {
        w.WriteByte(0);
        w.WriteByte((byte)Result);
        w.WriteByte((byte)Source);
        w.WriteByte(Reason);
    }

    internal static AAssociateRj Read(PduSpanReader r)
    {
        r.Skip(1, "reserved");
        var result = r.ReadByte("result");
        var source = r.ReadByte("source");
        var reason = r.ReadByte("reason/diagnostic");
        if (result is < 1 or > 2)
        {
            throw new PduFormatException($"A-ASSOCIATE-RJ result {result} is not 1 or 2", AbortReason.InvalidPduParameterValue, 1);
        }
        if (source is < 1 or > 3)
        {
            throw new PduFormatException($"A-ASSOCIATE-RJ source {source} is not 1, 2 or 3", AbortReason.InvalidPduParameterValue, 2);
        }
        return new((AssociateRejectResult)result, (AssociateRejectSource)source, reason);
    }
}
