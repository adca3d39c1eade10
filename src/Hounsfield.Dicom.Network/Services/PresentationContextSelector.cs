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
    /// the data set can be converted to without a codec (native to native, encapsulated only to its
    /// own syntax, anything when there is no pixel data), else one <paramref name="transcoder"/> can
    /// rewrite the file for — then the request returned carries the rewritten file.
    /// </summary>
    public static (PresentationContext Context, CStoreRequest Request) ForStore(Association association, CStoreRequest request,
        IDicomTranscoder? transcoder, bool requireScpRoleOfRequestor = false)
    {
        var sopClass = request.AffectedSopClassUid!;
        var candidates = association.PresentationContexts
            .Where(pc => pc.IsAccepted && pc.AbstractSyntax == sopClass && (!requireScpRoleOfRequestor || pc.RequestorIsScp))
            .ToList();
        if (candidates.Count == 0)
            throw new InvalidOperationException($"{association.CalledAETitle} accepted no presentation context for {DicomUid.Lookup(sopClass).Name}"
                + (requireScpRoleOfRequestor ? " with the requestor as Storage SCP" : ""));
        var own = request.File?.TransferSyntax;
        var exact = candidates.FirstOrDefault(pc => own is not null && pc.AcceptedTransferSyntax!.Equals(own));
        if (exact is not null) return (exact, request);
        var dataset = request.Dataset ?? request.File?.Dataset;
        if (dataset is null) return (candidates[0], request);
        string? reason = null;
        foreach (var pc in candidates)
        {
            reason = DimseMessageWriter.CannotEncode(dataset, own, pc.AcceptedTransferSyntax!);
            if (reason is null) return (pc, request);
        }
        if (transcoder is not null && request.File is { } file
            && candidates.FirstOrDefault(pc => transcoder.CanTranscode(file.TransferSyntax, pc.AcceptedTransferSyntax!)) is { } convertible)
            return (convertible, request.WithFile(transcoder.Transcode(file, convertible.AcceptedTransferSyntax!)));
        var accepted = string.Join(", ", candidates.Select(c => c.AcceptedTransferSyntax!.Name).Distinct());
        if (transcoder is not null && request.File is { } unconvertible)
            throw new InvalidOperationException($"cannot convert {unconvertible.TransferSyntax.Name} to a syntax the peer accepted ({accepted})");
        throw new InvalidOperationException($"{DicomUid.Lookup(sopClass).Name} to {association.CalledAETitle} (accepted in "
            + $"{accepted}): {reason}");
    }
}
