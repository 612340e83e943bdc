namespace Community.AppHost.Infrastructure;

/// <summary>Something this machine must have installed is missing; the message says what to install.</summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message);
