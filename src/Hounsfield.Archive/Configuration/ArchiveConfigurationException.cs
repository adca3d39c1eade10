namespace Hounsfield.Archive.Configuration;

/// <summary>A configuration file that cannot be used: unknown key, bad value or inconsistent settings, with where.</summary>
public sealed class ArchiveConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
