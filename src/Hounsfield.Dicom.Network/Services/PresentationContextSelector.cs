using Hounsfield.Dicom.Network.Dimse;

namespace Hounsfield.Dicom.Network;

/// <summary>Picks the accepted presentation context a request travels on.</summary>
internal static class PresentationContextSelector
{
    /// <summary>The first accepted context for the request's SOP class.</summary>
    public static PresentationContext For(Association association, DimseRequest request)
    {
        var sopClass = request.SopClassUid ?? throw new InvalidOperationException($"{request.CommandField} names no SOP class");
        return association.PresentationContexts.FirstOrDefault(pc => pc.IsAccepted && pc.AbstractSyntax == sopClass)
            ?? throw new InvalidOperationException($"{association.CalledAETitle} accepted no presentation context for {DicomUid.Lookup(sopClass).Name}");
    }

    /// <summary>
    /// For a C-STORE: a context whose accepted syntax is the file's own (sent unchanged), else one
    /// the data set can be converted to without a codec (uncompressed to uncompressed, or any syntax
    /// when there is no pixel data).
    /// </summary>
    public static PresentationContext ForStore(Association association, CStoreRequest request, bool requireScpRoleOfRequestor = false)
    {
        var sopClass = request.AffectedSopClassUid!;
        var candidates = association.PresentationContexts
            .Where(pc => pc.IsAccepted && pc.AbstractSyntax == sopClass && (!requireScpRoleOfRequestor || pc.RequestorIsScp))
            .ToList();
        var own = request.File?.TransferSyntax;
        var exact = candidates.FirstOrDefault(pc => own is not null && pc.AcceptedTransferSyntax!.Equals(own));
        if (exact is not null) return exact;
        var hasPixels = request.File?.Dataset.Contains(DicomTag.PixelData) ?? request.Dataset?.Contains(DicomTag.PixelData) ?? false;
        var convertible = candidates.FirstOrDefault(pc =>
            !hasPixels || own is null || !own.IsEncapsulated && !pc.AcceptedTransferSyntax!.IsEncapsulated);
        return convertible ?? throw new InvalidOperationException(candidates.Count == 0
            ? $"{association.CalledAETitle} accepted no presentation context for {DicomUid.Lookup(sopClass).Name}"
            : $"{association.CalledAETitle} accepted {DicomUid.Lookup(sopClass).Name} only in {string.Join(", ", candidates.Select(c => c.AcceptedTransferSyntax!.Name))}, and the file is {own?.Name}: converting needs a pixel codec");
    }
}
