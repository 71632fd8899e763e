using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace QGan.MLNet.Tests.Shared.Quantum;

/// <summary>
/// A deliberately small, independent OpenQASM 2.0 / 3 reader and simulator for tests: it shares no code with the
/// exporter or the engine (own textbook gate matrices, own statevector), so a round trip through it checks the
/// exported text against the language definitions rather than against the exporter's own assumptions.
/// </summary>
internal sealed partial class TestQasmProgram
{
    public sealed record Instruction(string Gate, double[] Angles, int[] Qubits);

    public int Version { get; private set; }

    public int QubitCount { get; private set; }

    public int BitCount { get; private set; }

    public List<string> Inputs { get; } = [];

    public List<Instruction> Gates { get; } = [];

    /// <summary>clbit -&gt; qubit of each measurement.</summary>
    public Dictionary<int, int> Measurements { get; } = [];

    public int Barriers { get; private set; }

    public static TestQasmProgram Parse(string text, IReadOnlyDictionary<string, double>? bindings = null)
    {
        var program = new TestQasmProgram();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            int comment = line.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0)
            {
                line = line[..comment].Trim();
            }
            if (line.Length == 0)
            {
                continue;
            }
            if (!line.EndsWith(';'))
            {
                throw new FormatException($"statement without ';': {line}");
            }
            program.Statement(line[..^1].Trim(), bindings ?? new Dictionary<string, double>());
        }
        return program;
    }

    private void Statement(string s, IReadOnlyDictionary<string, double> bindings)
    {
        Match m;
        if ((m = Regex.Match(s, @"^OPENQASM (2\.0|3\.0|3)$")).Success)
        {
            Version = m.Groups[1].Value.StartsWith('2') ? 2 : 3;
        }
        else if (s == "include \"qelib1.inc\"" && Version == 2 || s == "include \"stdgates.inc\"" && Version == 3)
        {
        }
        else if ((m = Regex.Match(s, @"^qreg q\[(\d+)\]$")).Success && Version == 2
            || (m = Regex.Match(s, @"^qubit\[(\d+)\] q$")).Success && Version == 3)
        {
            QubitCount = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        else if ((m = Regex.Match(s, @"^creg c\[(\d+)\]$")).Success && Version == 2
            || (m = Regex.Match(s, @"^bit\[(\d+)\] c$")).Success && Version == 3)
        {
            BitCount = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        else if ((m = Regex.Match(s, @"^input float\[64\] ([A-Za-z_][A-Za-z0-9_]*)$")).Success && Version == 3)
        {
            Inputs.Add(m.Groups[1].Value);
        }
        else if (s == "barrier q")
        {
            Barriers++;
        }
        else if ((m = Regex.Match(s, @"^measure q\[(\d+)\] -> c\[(\d+)\]$")).Success && Version == 2
            || (m = Regex.Match(s, @"^c\[(?<c>\d+)\] = measure q\[(?<q>\d+)\]$")).Success && Version == 3)
        {
            int q = int.Parse(m.Groups[Version == 2 ? 1 : 2].Value, CultureInfo.InvariantCulture);
            int c = int.Parse(m.Groups[Version == 2 ? 2 : 1].Value, CultureInfo.InvariantCulture);
            if (Version == 3)
            {
                q = int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture);
                c = int.Parse(m.Groups["c"].Value, CultureInfo.InvariantCulture);
            }
            CheckQubit(q);
            if (c < 0 || c >= BitCount || !Measurements.TryAdd(c, q))
            {
                throw new FormatException($"bad measurement target: {s}");
            }
        }
        else if ((m = Regex.Match(s, @"^([A-Za-z][A-Za-z0-9]*)(?:\(([^)]*)\))? (q\[\d+\](?:, q\[\d+\])*)$")).Success)
        {
            var angles = m.Groups[2].Success
                ? m.Groups[2].Value.Split(',').Select(a => Value(a.Trim(), bindings)).ToArray()
                : [];
            var qubits = Regex.Matches(m.Groups[3].Value, @"q\[(\d+)\]").Select(x => int.Parse(x.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
            foreach (var q in qubits)
            {
                CheckQubit(q);
            }
            Gates.Add(new Instruction(m.Groups[1].Value, angles, qubits));
        }
        else
        {
            throw new FormatException($"unsupported statement for OpenQASM {Version}: {s}");
        }
    }

    private double Value(string token, IReadOnlyDictionary<string, double> bindings)
    {
        if (NumberRegex().IsMatch(token))
        {
            return double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        if (Inputs.Contains(token))
        {
            return bindings.TryGetValue(token, out var v) ? v : throw new FormatException($"input {token} is not bound");
        }
        throw new FormatException($"not a number literal (OpenQASM 2 real) nor a declared input: {token}");
    }

    private void CheckQubit(int q)
    {
        if (q < 0 || q >= QubitCount)
        {
            throw new FormatException($"qubit {q} outside q[{QubitCount}]");
        }
    }

    // OpenQASM 2.0 real: a decimal point is required; an optional exponent.
    [GeneratedRegex(@"^-?([0-9]+\.[0-9]*|[0-9]*\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex NumberRegex();

    /// <summary>Runs the gates on |0..0&gt; with textbook matrices; returns the final amplitudes.</summary>
    public Complex[] Simulate()
    {
        var psi = new Complex[1 << QubitCount];
        psi[0] = 1;
        foreach (var g in Gates)
        {
            var a = g.Angles;
            switch (g.Gate, Version)
            {
                case ("rx", _): One(psi, Rx(a[0]), g.Qubits[0]); break;
                case ("ry", _): One(psi, Ry(a[0]), g.Qubits[0]); break;
                case ("rz", _): One(psi, Rz(a[0]), g.Qubits[0]); break;
                case ("h", _): One(psi, H, g.Qubits[0]); break;
                case ("x", _): One(psi, PauliX, g.Qubits[0]); break;
                case ("y", _): One(psi, PauliY, g.Qubits[0]); break;
                case ("z", _): One(psi, PauliZ, g.Qubits[0]); break;
                case ("u3", 2): One(psi, U(a[0], a[1], a[2]), g.Qubits[0]); break;
                case ("U", 3): One(psi, U(a[0], a[1], a[2]), g.Qubits[0]); break;
                case ("cx", _): Controlled(psi, PauliX, g.Qubits[0], g.Qubits[1]); break;
                case ("cz", _): Controlled(psi, PauliZ, g.Qubits[0], g.Qubits[1]); break;
                case ("cry", _): Controlled(psi, Ry(a[0]), g.Qubits[0], g.Qubits[1]); break;
                case ("crz", _): Controlled(psi, Rz(a[0]), g.Qubits[0], g.Qubits[1]); break;
                default: throw new FormatException($"gate {g.Gate} is not defined in OpenQASM {Version}'s standard library");
            }
        }
        return psi;
    }

    public static double ExpectZ(Complex[] psi, int q)
    {
        double s = 0;
        for (int i = 0; i < psi.Length; i++)
        {
            s += (((i >> q) & 1) == 0 ? 1 : -1) * psi[i].Magnitude * psi[i].Magnitude;
        }
        return s;
    }

    public static double ExpectX(Complex[] psi, int q)
    {
        // <psi| X_q |psi> with X_q flipping bit q.
        Complex s = 0;
        for (int i = 0; i < psi.Length; i++)
        {
            s += Complex.Conjugate(psi[i]) * psi[i ^ (1 << q)];
        }
        return s.Real;
    }

    // Textbook matrices [row, column].
    private static readonly Complex I = Complex.ImaginaryOne;
    private static readonly Complex[,] H = { { 1 / Math.Sqrt(2), 1 / Math.Sqrt(2) }, { 1 / Math.Sqrt(2), -1 / Math.Sqrt(2) } };
    private static readonly Complex[,] PauliX = { { 0, 1 }, { 1, 0 } };
    private static readonly Complex[,] PauliY = { { 0, -I }, { I, 0 } };
    private static readonly Complex[,] PauliZ = { { 1, 0 }, { 0, -1 } };

    private static Complex[,] Rx(double t) => new Complex[,] { { Math.Cos(t / 2), -I * Math.Sin(t / 2) }, { -I * Math.Sin(t / 2), Math.Cos(t / 2) } };

    private static Complex[,] Ry(double t) => new Complex[,] { { Math.Cos(t / 2), -Math.Sin(t / 2) }, { Math.Sin(t / 2), Math.Cos(t / 2) } };

    private static Complex[,] Rz(double t) => new Complex[,] { { Complex.Exp(-I * t / 2), 0 }, { 0, Complex.Exp(I * t / 2) } };

    private static Complex[,] U(double theta, double phi, double lambda) => new Complex[,]
    {
        { Math.Cos(theta / 2), -Complex.Exp(I * lambda) * Math.Sin(theta / 2) },
        { Complex.Exp(I * phi) * Math.Sin(theta / 2), Complex.Exp(I * (phi + lambda)) * Math.Cos(theta / 2) },
    };

    private static void One(Complex[] psi, Complex[,] m, int q) => Controlled(psi, m, -1, q);

    private static void Controlled(Complex[] psi, Complex[,] m, int control, int target)
    {
        var next = (Complex[])psi.Clone();
        for (int i = 0; i < psi.Length; i++)
        {
            if (control >= 0 && ((i >> control) & 1) == 0)
            {
                continue;
            }
            int bit = (i >> target) & 1;
            int i0 = i & ~(1 << target), i1 = i | (1 << target);
            next[i] = m[bit, 0] * psi[i0] + m[bit, 1] * psi[i1];
        }
        Array.Copy(next, psi, psi.Length);
    }
}
