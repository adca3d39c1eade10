namespace Hounsfield.Dicom.Network.UpperLayer;

/// <summary>
/// A-ASSOCIATE-AC PDU (type 0x02, PS3.8 §9.3.3): the acceptor's answer, one result per proposed
/// presentation context. The AE title fields echo the request but are not tested on receipt.
/// </summary>
public sealed class AAssociateAc : AAssociatePdu
{
    /// <inheritdoc/>
    public override PduType Type => PduType.AAssociateAc;

    /// <summary>Results for the proposed presentation contexts.</summary>
    public List<PresentationContextAcItem> PresentationContexts { get; } = [];

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

    internal static AAssociateAc Read(PduSpanReader r)
    {
        var pdu = new AAssociateAc();
        pdu.ReadBody(r, ItemType.PresentationContextAc, item => pdu.PresentationContexts.Add(PresentationContextAcItem.Read(item)));
        return pdu;
    }
}
