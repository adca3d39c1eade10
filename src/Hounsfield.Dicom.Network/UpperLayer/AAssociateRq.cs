namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>A-ASSOCIATE-RQ PDU (type 0x01, PS3.8 §9.3.2): the requestor's proposal.</summary>
public sealed class AAssociateRq : AAssociatePdu
{
    /// <inheritdoc/>
    public override PduType Type => PduType.AAssociateRq;

    /// <summary>Proposed presentation contexts.</summary>
    public List<PresentationContextRqItem> PresentationContexts { get; } = [];

    private protected override int PresentationContextsLength
    {
        get
        {
            var n = 0;
            foreach (var pc in PresentationContexts) n += 4 + pc.ValueLength;
            return n;
        }
    }

    private protected override void WritePresentationContexts(ref PduSpanWriter w)
    {
        foreach (var pc in PresentationContexts) pc.Write(ref w);
    }

    internal static AAssociateRq Read(PduSpanReader r)
    {
        var pdu = new AAssociateRq();
        pdu.ReadBody(r, ItemType.PresentationContextRq, item => pdu.PresentationContexts.Add(PresentationContextRqItem.Read(item)));
        if (pdu.PresentationContexts.Count == 0)
        {
            throw new PduFormatException("A-ASSOCIATE-RQ has no presentation context item", AbortReason.InvalidPduParameterValue);
        }
        return pdu;
    }
}
