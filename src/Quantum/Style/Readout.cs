namespace QGan.MLNet.Quantum.Style;

/// <summary>Which single-qubit expectation values form the generator output, in this order.</summary>
public enum Readout
{
    /// <summary>[&lt;Z_0&gt;..&lt;Z_{n-1}&gt;, &lt;X_0&gt;..&lt;X_{n-1}&gt;]: 2n values (the paper's default).</summary>
    ZX,
    /// <summary>[&lt;Z_0&gt;..&lt;Z_{n-1}&gt;]: n values.</summary>
    Z,
    /// <summary>[&lt;X_i&gt;.., &lt;Y_i&gt;.., &lt;Z_i&gt;..]: 3n values.</summary>
    XYZ,
}
