namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>A-RELEASE-RQ PDU (type 0x05, PS3.8 §9.3.6): asks for an orderly release.</summary>
public sealed class AReleaseRq : Pdu
{
    /// <summary>The PDU has no parameters, so one instance serves.</summary>
    public static AReleaseRq Instance { get; } = new();

    /// <inheritdoc/>
    public override PduType Type => PduType.AReleaseRq;

    internal override int BodyLength => 4;

    internal override void WriteBody(ref PduSpanWriter w) => w.WriteZeros(4);
}
