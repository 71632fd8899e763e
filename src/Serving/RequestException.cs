namespace QGan.MLNet.Serving;

/// <summary>A client error: answered with 400 and a problem document carrying <see cref="Exception.Message"/>.</summary>
public sealed class RequestException(string message) : Exception(message);
