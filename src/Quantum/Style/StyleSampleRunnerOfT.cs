using System.Numerics;
using QGan.MLNet.Quantum.Gates;
using QGan.MLNet.Quantum.Kernels;

namespace QGan.MLNet.Quantum.Style;

/// <summary>
/// The style-circuit runner with its state in <typeparamref name="T"/> (double, or float for
/// <see cref="SimulationPrecision.Single"/>) and the matching kernels <typeparamref name="TKernels"/>, called
/// directly (the JIT compiles one copy per precision).
/// </summary>
internal sealed unsafe class StyleSampleRunner<T, TKernels> : StyleSampleRunner
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernels : struct, IStateKernels<T>
{
    private readonly StyleArchitecture _arch;
    private readonly StyleGateLayout _layout;
    private readonly int _n;
    private readonly AlignedBuffer<T> _lamRe, _lamIm, _scratch;
    private AlignedBuffer<T> _phiRe, _phiIm; // swapped with a layer's checkpoint when the adjoint sweep restores it
    private readonly double[] _gz, _gx, _gy;
    private readonly double[] _z, _x, _y, _finalCos, _finalSin;
    private AlignedBuffer<T>?[]? _checkpoints;
    private bool _checkpointed;
    private bool _expectationsCurrent;

    public StyleSampleRunner(StyleArchitecture architecture)
        : base(architecture)
    {
        _arch = architecture;
        _n = architecture.Qubits;
        _layout = Layout;
        int dim = 1 << _n;
        _phiRe = new AlignedBuffer<T>(dim);
        _phiIm = new AlignedBuffer<T>(dim);
        _lamRe = new AlignedBuffer<T>(dim);
        _lamIm = new AlignedBuffer<T>(dim);
        _scratch = new AlignedBuffer<T>(dim);
        _gz = new double[_n];
        _gx = new double[_n];
        _gy = new double[_n];
        _z = new double[_n];
        _x = new double[_n];
        _y = new double[_n];
        _finalCos = new double[_n];
        _finalSin = new double[_n];
    }

    /// <inheritdoc/>
    public override void Forward(ReadOnlySpan<double> angles, bool checkpoint = false)
    {
        T* re = _phiRe.Pointer, im = _phiIm.Pointer;
        int n = _n;
        int firstLayer = 0;
        _checkpointed = checkpoint;
        _expectationsCurrent = false;
        if (_arch.Layers > 0)
        {
            // Layer 0 acts on |0...0>: its single-qubit blocks give a product state, built in O(2^n).
            ProductState(angles);
            firstLayer = 1;
            ApplyCryChain(angles, 0, re, im);
        }
        else
        {
            _phiRe.Clear();
            _phiIm.Clear();
            re[0] = T.One;
        }
        for (int layer = firstLayer; layer < _arch.Layers; layer++)
        {
            if (checkpoint)
            {
                SaveCheckpoint(layer);
            }
            for (int q = 0; q < n; q++)
            {
                var u = FusedBlock(angles, _layout.Block(layer, q));
                TKernels.ApplyMatrix(re, im, n, q, -1, u);
            }
            ApplyCryChain(angles, layer, re, im);
        }
        // The final RY layer is not applied to the state: it is folded into the readout (see Readout).
        for (int q = 0; q < n; q++)
        {
            (_finalSin[q], _finalCos[q]) = Math.SinCos(angles[_layout.FinalRy(q)]);
        }
    }

    private void ApplyCryChain(ReadOnlySpan<double> angles, int layer, T* re, T* im)
    {
        for (int q = 0; q < _n; q++)
        {
            var (s, c) = Math.SinCos(angles[_layout.Cry(layer, q)] / 2);
            TKernels.ApplyReal(re, im, _n, _layout.CryTarget(q), q, c, -s, s, c);
        }
    }

    /// <summary>phi = tensor product over q of U_q |0&gt; for the layer-0 blocks U_q.</summary>
    private void ProductState(ReadOnlySpan<double> angles)
    {
        T* re = _phiRe.Pointer, im = _phiIm.Pointer;
        re[0] = T.One;
        im[0] = T.Zero;
        for (int q = 0; q < _n; q++)
        {
            var u = FusedBlock(angles, _layout.Block(0, q));
            T u0r = T.CreateTruncating(u.M00.Real), u0i = T.CreateTruncating(u.M00.Imaginary);
            T u1r = T.CreateTruncating(u.M10.Real), u1i = T.CreateTruncating(u.M10.Imaginary);
            int size = 1 << q;
            for (int i = 0; i < size; i++)
            {
                T ar = re[i], ai = im[i];
                re[i + size] = ar * u1r - ai * u1i;
                im[i + size] = ar * u1i + ai * u1r;
                re[i] = ar * u0r - ai * u0i;
                im[i] = ar * u0i + ai * u0r;
            }
        }
    }

    /// <summary>RZ(d) RY(c) RZ(b) RY(a) for the block whose first gate is at <paramref name="g"/>.</summary>
    /// <remarks>Multiplied out by hand: four SinCos calls instead of ten trigonometric calls and three 2x2 products
    /// (it runs for every block of every sample, forward and backward).</remarks>
    private static Matrix2 FusedBlock(ReadOnlySpan<double> angles, int g)
    {
        var (sa, ca) = Math.SinCos(angles[g] / 2);
        var (sb, cb) = Math.SinCos(angles[g + 1] / 2);
        var (sc, cc) = Math.SinCos(angles[g + 2] / 2);
        var (sd, cd) = Math.SinCos(angles[g + 3] / 2);
        // P = RZ(b) RY(a) = [[e ca, -e sa], [e* sa, e* ca]] with e = exp(-i b/2).
        var e = new Complex(cb, -sb);
        var eStar = Complex.Conjugate(e);
        Complex p00 = e * ca, p01 = -e * sa, p10 = eStar * sa, p11 = eStar * ca;
        // Q = RY(c) P, then RZ(d) scales row 0 by exp(-i d/2) and row 1 by exp(i d/2).
        var f = new Complex(cd, -sd);
        var fStar = Complex.Conjugate(f);
        return new Matrix2(
            f * (cc * p00 - sc * p10),
            f * (cc * p01 - sc * p11),
            fStar * (sc * p00 + cc * p10),
            fStar * (sc * p01 + cc * p11));
    }

    /// <summary>
    /// Writes the readout into <paramref name="outputs"/>. phi is the state before the final RY layer; since each
    /// final RY(t_q) acts on the one qubit its observables read, the observables are rotated instead of the state
    /// (Heisenberg picture): Z' = cos t Z - sin t X, X' = cos t X + sin t Z, Y' = Y. This saves n full passes.
    /// </summary>
    public override void Readout(Span<double> outputs)
    {
        RotatedExpectations();
        int n = _n;
        switch (_arch.Readout)
        {
            case Style.Readout.ZX:
                _z.CopyTo(outputs[..n]);
                _x.CopyTo(outputs.Slice(n, n));
                break;
            case Style.Readout.Z:
                _z.CopyTo(outputs[..n]);
                break;
            case Style.Readout.XYZ:
                _x.CopyTo(outputs[..n]);
                _y.CopyTo(outputs.Slice(n, n));
                _z.CopyTo(outputs.Slice(2 * n, n));
                break;
            default:
                throw new InvalidOperationException($"unknown readout {_arch.Readout}");
        }
    }

    /// <summary>Fills _z, _x (and _y for the XYZ readout) with the expectations after the final RY layer.</summary>
    private void RotatedExpectations()
    {
        if (_expectationsCurrent)
        {
            return;
        }
        _expectationsCurrent = true;
        T* re = _phiRe.Pointer, im = _phiIm.Pointer;
        int n = _n;
        TKernels.AllZ(re, im, n, _scratch.Pointer, _z);
        for (int q = 0; q < n; q++)
        {
            double x = TKernels.X(re, im, n, q);
            double z = _z[q], c = _finalCos[q], s = _finalSin[q];
            _z[q] = c * z - s * x;
            _x[q] = c * x + s * z;
        }
        if (_arch.Readout == Style.Readout.XYZ)
        {
            for (int q = 0; q < n; q++)
            {
                _y[q] = TKernels.Y(re, im, n, q);
            }
        }
    }

    /// <summary>
    /// Adjoint method: given the final state from <see cref="Forward"/> (run with checkpoints) and dL/d(outputs),
    /// sweeps the circuit backwards once, writing dL/d(angle) for every encoded gate into <c>AngleGradient</c>.
    /// The n blocks of a layer act on different qubits and commute, so all of them are differentiated at one point
    /// (after the layer's single-qubit part) by read-only cross-term passes; lambda is then taken back through the
    /// blocks and phi is restored from the layer's checkpoint instead of being un-applied (about 30% less work).
    /// </summary>
    public override void Backward(ReadOnlySpan<double> angles, ReadOnlySpan<double> outputGradient)
    {
        if (!_checkpointed)
        {
            throw new InvalidOperationException("Backward needs the state and checkpoints of Forward(angles, checkpoint: true)");
        }
        _checkpointed = false; // the sweep consumes phi
        T* pr = _phiRe.Pointer, pi = _phiIm.Pointer, lr = _lamRe.Pointer, li = _lamIm.Pointer;
        int n = _n;
        SplitOutputGradient(outputGradient);
        var grad = AngleGradient;
        // Final RY layer (folded into the readout): dZ'/dt = -X', dX'/dt = Z', dY'/dt = 0, and the upstream
        // gradient seen by phi is the rotated one: gz <- c gz + s gx, gx <- c gx - s gz.
        RotatedExpectations();
        for (int q = 0; q < n; q++)
        {
            double gz = _gz[q], gx = _gx[q], c = _finalCos[q], s = _finalSin[q];
            grad[_layout.FinalRy(q)] = gx * _z[q] - gz * _x[q];
            _gz[q] = c * gz + s * gx;
            _gx[q] = c * gx - s * gz;
        }
        TKernels.Seed(pr, pi, lr, li, n, _gz, _gx, _gy, _scratch.Pointer);
        _expectationsCurrent = false; // the seed used the scratch buffer; the sweep below changes phi
        for (int layer = _arch.Layers - 1; layer >= 0; layer--)
        {
            for (int q = n - 1; q >= 0; q--)
            {
                int g = _layout.Cry(layer, q);
                var (s, c) = Math.SinCos(angles[g] / 2);
                grad[g] = -TKernels.RealGate(pr, pi, lr, li, n, _layout.CryTarget(q), q, c, s, -s, c);
            }
            for (int q = 0; q < n; q++)
            {
                // Two qubits per pass where the hardware allows: the cross terms are bound by streaming phi and lambda.
                if (q + 1 < n && TKernels.SupportsPair(q, q + 1))
                {
                    var (first, second) = TKernels.CrossTerms(pr, pi, lr, li, n, q, q + 1);
                    BlockGradients(angles, _layout.Block(layer, q), first, grad);
                    BlockGradients(angles, _layout.Block(layer, q + 1), second, grad);
                    q++;
                }
                else
                {
                    BlockGradients(angles, _layout.Block(layer, q), TKernels.CrossTermOf(pr, pi, lr, li, n, q), grad);
                }
            }
            if (layer == 0)
            {
                break; // nothing before layer 0 needs phi or lambda
            }
            for (int q = 0; q < n; q++)
            {
                var u = FusedBlock(angles, _layout.Block(layer, q));
                TKernels.ApplyMatrix(lr, li, n, q, -1, u.Adjoint());
            }
            RestoreCheckpoint(layer);
            pr = _phiRe.Pointer;
            pi = _phiIm.Pointer;
        }
    }

    /// <summary>
    /// dL/d(angle) of the four rotations RZ(d) RY(c) RZ(b) RY(a) of the block at <paramref name="g"/> from its qubit's
    /// cross term at the end of the block: Im tr(A_j M) with the generator A_j = V_j P_j V_j^dagger moved past the
    /// gates V_j after it. Conjugating Paulis by RY / RZ rotates them (RZ(t): X -&gt; cos t X + sin t Y,
    /// Y -&gt; cos t Y - sin t X; RY(t): Z -&gt; cos t Z + sin t X, X -&gt; cos t X - sin t Z), so every A_j is
    /// x X + y Y + z Z in closed form and Im tr(A_j M) = z D + x S - y T (see <see cref="CrossTerm"/>):
    /// A_d = Z; A_c = -sin d X + cos d Y; A_b = sin c cos d X + sin c sin d Y + cos c Z;
    /// A_a = -(sin b cos c cos d + cos b sin d) X + (cos b cos d - sin b cos c sin d) Y + sin b sin c Z.
    /// </summary>
    private static void BlockGradients(ReadOnlySpan<double> angles, int g, CrossTerm cross, double[] grad)
    {
        var (sb, cb) = Math.SinCos(angles[g + 1]);
        var (sc, cc) = Math.SinCos(angles[g + 2]);
        var (sd, cd) = Math.SinCos(angles[g + 3]);
        double d = cross.D, s = cross.S, t = cross.T;
        grad[g + 3] = d;
        grad[g + 2] = -sd * s - cd * t;
        grad[g + 1] = cc * d + sc * cd * s - sc * sd * t;
        grad[g] = sb * sc * d - (sb * cc * cd + cb * sd) * s - (cb * cd - sb * cc * sd) * t;
    }

    /// <summary>Copies phi into the checkpoint of <paramref name="layer"/> (layers 1..L-1; layer 0 starts from |0...0&gt;).</summary>
    private void SaveCheckpoint(int layer)
    {
        // One buffer per layer and part (not one block), so 2^n x layers never overflows an array length.
        _checkpoints ??= new AlignedBuffer<T>?[2 * Math.Max(_arch.Layers - 1, 1)];
        int slot = 2 * (layer - 1);
        var re = _checkpoints[slot] ??= new AlignedBuffer<T>(1 << _n);
        var im = _checkpoints[slot + 1] ??= new AlignedBuffer<T>(1 << _n);
        _phiRe.Span.CopyTo(re.Span);
        _phiIm.Span.CopyTo(im.Span);
    }

    /// <summary>Makes the checkpoint of <paramref name="layer"/> the state by swapping buffers (no copy): the sweep
    /// consumes phi and never reads that checkpoint again, so the old phi buffer becomes the checkpoint slot
    /// (overwritten by the next forward pass).</summary>
    private void RestoreCheckpoint(int layer)
    {
        int slot = 2 * (layer - 1);
        (_checkpoints![slot], _phiRe) = (_phiRe, _checkpoints[slot]!);
        (_checkpoints[slot + 1], _phiIm) = (_phiIm, _checkpoints[slot + 1]!);
    }


    /// <summary>dL/d(outputs) as the coefficients of H = sum gz Z + gx X + gy Y for the configured readout.</summary>
    private void SplitOutputGradient(ReadOnlySpan<double> g)
    {
        int n = _n;
        Array.Clear(_gz);
        Array.Clear(_gx);
        Array.Clear(_gy);
        switch (_arch.Readout)
        {
            case Style.Readout.ZX:
                g[..n].CopyTo(_gz);
                g.Slice(n, n).CopyTo(_gx);
                break;
            case Style.Readout.Z:
                g[..n].CopyTo(_gz);
                break;
            case Style.Readout.XYZ:
                g[..n].CopyTo(_gx);
                g.Slice(n, n).CopyTo(_gy);
                g.Slice(2 * n, n).CopyTo(_gz);
                break;
            default:
                throw new InvalidOperationException($"unknown readout {_arch.Readout}");
        }
    }
}
