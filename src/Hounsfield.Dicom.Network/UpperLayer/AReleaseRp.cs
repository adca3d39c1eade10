namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>A-RELEASE-RP PDU (type 0x06, PS3.8 §9.3.7): confirms the release.</summary>
public sealed class AReleaseRp : Pdu
{
    /// <summary>The PDU has no parameters, so one instance serves.</summary>
    public static AReleaseRp Instance { get; } = new();

    /// <inheritdoc/>
    public override PduType Type => PduType.AReleaseRp;

    internal override int BodyLength => 4;

    internal override void WriteBody(ref PduSpanWriter w) => w.WriteZeros(4);
}
