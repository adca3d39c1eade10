namespace Hounsfield.Dicom;

/// <summary>The ISO 2022 graphic set register a code element is designated into (PS3.5 §6.1.2.5).</summary>
internal enum CodeSlot
{
    /// <summary>G0, invoked into GL (bytes 0x21-0x7E).</summary>
    G0,
    /// <summary>G1, invoked into GR (bytes 0xA0-0xFF).</summary>
    G1,
}

/// <summary>
/// One graphic character set of PS3.3 Tables C.12-2 to C.12-4 (ISO-IR 6, ISO-IR 100, ISO-IR 87, ...),
/// with the escape sequence DICOM uses to designate it. Bytes are handled as 7-bit positions
/// (the byte with its high bit cleared), so the same element serves in GL and in GR.
/// </summary>
internal abstract class CodeElement
{
    protected CodeElement(string registration, CodeSlot slot, byte[] designation)
    {
        Registration = registration;
        Slot = slot;
        Designation = designation;
    }

    /// <summary>The ISO registration, e.g. "ISO-IR 87".</summary>
    public string Registration { get; }

    /// <summary>The register DICOM designates this element into.</summary>
    public CodeSlot Slot { get; }

    /// <summary>The escape sequence (starting with ESC) that designates this element into <see cref="Slot"/>.</summary>
    public byte[] Designation { get; }

    /// <summary>True for the 94x94 sets whose characters take two bytes.</summary>
    public abstract bool IsDoubleByte { get; }

    public override string ToString() => Registration;
}
