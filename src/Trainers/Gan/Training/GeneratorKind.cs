namespace QGan.MLNet.Trainers.Gan.Training;

/// <summary>Which generator a WGAN-GP run trains.</summary>
public enum GeneratorKind
{
    /// <summary>Style-based parameterised quantum circuit (simulated), readout expectation values.</summary>
    Quantum,
    /// <summary>MLP with tanh output.</summary>
    Classical,
}
