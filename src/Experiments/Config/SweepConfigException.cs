namespace QGan.MLNet.Experiments.Config;

/// <summary>A sweep configuration is invalid; <see cref="JsonPath"/> names the offending key (e.g. <c>$.critic.widths</c>).</summary>
public sealed class SweepConfigException : ArgumentException
{
    public SweepConfigException(string source, string jsonPath, string problem)
        : base($"{source}: {jsonPath}: {problem}")
    {
        JsonPath = jsonPath;
    }

    public string JsonPath { get; }
}
