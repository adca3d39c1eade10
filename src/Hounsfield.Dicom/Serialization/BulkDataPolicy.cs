namespace Hounsfield.Dicom.Serialization;

/// <summary>Decides, for the writers, whether an element's value is written as a bulk data URI.</summary>
internal static class BulkDataPolicy
{
    /// <summary>The VRs whose Value Field PS3.18 F.2.2 lets a BulkDataURI replace.</summary>
    public static bool MayReference(DicomVR vr) => vr is DicomVR.DS or DicomVR.FL or DicomVR.FD or DicomVR.IS or DicomVR.LT
        or DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.SL or DicomVR.SS
        or DicomVR.ST or DicomVR.SV or DicomVR.UC or DicomVR.UL or DicomVR.UN or DicomVR.US or DicomVR.UT or DicomVR.UV;

    /// <summary>
    /// The URI to write instead of the value: the caller's <see cref="DicomBulkDataOptions.UriFor"/>
    /// for long values, else the URI of a value that was itself read as a reference; null to write the value.
    /// </summary>
    public static string? UriFor(in DicomElement element, DicomBulkDataOptions options)
    {
        var reference = element.BulkData is { Offset: 0, Source: DicomBulkDataUriSource source } ? source : null;
        if (options.UriFor is { } callback && element.Kind != DicomValueKind.Sequence
            && (reference is not null || MayReference(element.VR) && ValueLength(element) > options.Threshold))
        {
            var uri = callback(element);
            if (uri is not null) return uri;
        }
        return reference?.Uri;
    }

    private static long ValueLength(in DicomElement element) => element.Kind == DicomValueKind.Fragments
        ? EncapsulatedValueField.FragmentBytes(element.Fragments!)
        : element.Length;
}
