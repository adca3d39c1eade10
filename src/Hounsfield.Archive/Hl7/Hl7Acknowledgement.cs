using System.Globalization;
using System.Text;

namespace Hounsfield.Archive.Hl7;

/// <summary>
/// Builds the ACK of HL7 v2.5 §2.14.1 (original acknowledgement mode): MSH, MSA with AA, AE or AR and the
/// received control ID, and for errors an ERR segment with location, table 0357 code and text.
/// </summary>
public static class Hl7Acknowledgement
{
    /// <summary>The ACK text for <paramref name="received"/> (null when it could not be parsed).</summary>
    public static string Build(Hl7Message? received, string acknowledgementCode, string application, Hl7Exception? error = null, string characterSet = "")
    {
        var d = Hl7Separators.Default;
        string E(string s) => Hl7Escaping.Encode(s, d);
        var header = received?.Header;
        var trigger = received?.TriggerEvent ?? "";
        var version = received?.Version is { Length: > 0 } v ? v : "2.5.1";
        var now = DateTime.Now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append($"MSH|{d.EncodingCharacters}|{E(application)}||{E(header?.Value(3) ?? "")}|{E(header?.Value(4) ?? "")}|{now}||ACK^{E(trigger)}^ACK|")
            .Append($"{Guid.NewGuid():N}"[..20]).Append($"|P|{E(version)}");
        if (characterSet.Length > 0) text.Append("||||||").Append(E(characterSet));
        text.Append('\r');
        text.Append($"MSA|{acknowledgementCode}|{E(received?.ControlId ?? "")}");
        if (error is not null) text.Append('|').Append(E(Shorten(error.Message)));
        text.Append('\r');
        if (error is not null)
        {
            var code = ((int)error.Code).ToString(CultureInfo.InvariantCulture);
            var name = E(Name(error.Code));
            text.Append($"ERR||{error.Location}|{code}^{name}^HL70357|E||||{E(error.Message)}\r");
        }
        return text.ToString();
    }

    private static string Shorten(string message) => message.Length > 80 ? message[..80] : message;

    private static string Name(Hl7ErrorCode code) => code switch
    {
        Hl7ErrorCode.SegmentSequenceError => "Segment sequence error",
        Hl7ErrorCode.RequiredFieldMissing => "Required field missing",
        Hl7ErrorCode.DataTypeError => "Data type error",
        Hl7ErrorCode.TableValueNotFound => "Table value not found",
        Hl7ErrorCode.UnsupportedMessageType => "Unsupported message type",
        Hl7ErrorCode.UnsupportedEventCode => "Unsupported event code",
        Hl7ErrorCode.UnsupportedVersionId => "Unsupported version id",
        Hl7ErrorCode.UnknownKeyIdentifier => "Unknown key identifier",
        _ => "Application internal error",
    };
}
