namespace Hounsfield.Archive.Coercion;

/// <summary>How the Storage SCP treats Specific Character Set (0008,0005).</summary>
public enum CharacterSetCoercion
{
    /// <summary>Stored as received; the index keeps the character set and matches on decoded text.</summary>
    AsReceived,

    /// <summary>Text in any other character set is converted to ISO_IR 192 (UTF-8) before it is stored.</summary>
    Utf8,
}
