namespace Hounsfield.Dicom.Codecs.Jpeg2000.Codestream;

/// <summary>One component of SIZ: sample precision, signedness and subsampling (T.800 A.5.1).</summary>
internal readonly record struct ComponentSize(int Precision, bool Signed, int XRsiz, int YRsiz);
