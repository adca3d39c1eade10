using System.Text.Json.Serialization;

namespace Hounsfield.Archive.Configuration;

/// <summary>
/// An enum in the configuration file is written as its name (any case); a number is refused, so a
/// file never depends on the order of an enum's members.
/// </summary>
internal sealed class NamedEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false), INamedEnumConverter
    where TEnum : struct, Enum
{
    public Type EnumType => typeof(TEnum);
}

/// <summary>Which enum a <see cref="NamedEnumConverter{TEnum}"/> reads, for error messages that list its names.</summary>
internal interface INamedEnumConverter
{
    Type EnumType { get; }
}
