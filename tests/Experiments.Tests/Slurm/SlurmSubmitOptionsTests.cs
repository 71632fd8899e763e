using QGan.MLNet.Experiments.Slurm;

namespace QGan.MLNet.Experiments.Tests.Slurm;

public sealed class SlurmSubmitOptionsTests
{
    [Fact]
    public void Directives_come_in_a_stable_order_with_the_extras_last()
    {
        var options = new SlurmSubmitOptions
        {
            Partition = "cpu", Account = "proj42", Time = "1-02:00:00", CpusPerTask = 4, Memory = "8G",
            ExtraDirectives = ["--qos=long", "--constraint=avx512"],
        };
        options.Validate();
        Assert.Equal(
            ["--job-name=qgan-sweep", "--partition=cpu", "--account=proj42", "--time=1-02:00:00", "--ntasks=1", "--cpus-per-task=4", "--mem=8G", "--qos=long", "--constraint=avx512"],
            options.ResourceDirectives());
    }

    [Theory]
    [InlineData("cpus", "--cpus-per-task must be >= 1")]
    [InlineData("throttle", "--max-concurrent must be >= 1")]
    [InlineData("partition", "--partition 'a b' must be a non-empty name")]
    [InlineData("time", "--time '2h' is not a Slurm time limit")]
    [InlineData("mem", "--mem '4 GB' is not a Slurm memory size")]
    [InlineData("extra", "--sbatch-arg 'qos=long' must be one sbatch option")]
    [InlineData("array", "--sbatch-arg '--array=1-3': the array and the log files are set by qgan")]
    [InlineData("setup", "--setup takes one shell line per flag")]
    public void Bad_values_name_the_flag(string what, string message)
    {
        var options = what switch
        {
            "cpus" => new SlurmSubmitOptions { CpusPerTask = 0 },
            "throttle" => new SlurmSubmitOptions { MaxConcurrent = 0 },
            "partition" => new SlurmSubmitOptions { Partition = "a b" },
            "time" => new SlurmSubmitOptions { Time = "2h" },
            "mem" => new SlurmSubmitOptions { Memory = "4 GB" },
            "extra" => new SlurmSubmitOptions { ExtraDirectives = ["qos=long"] },
            "array" => new SlurmSubmitOptions { ExtraDirectives = ["--array=1-3"] },
            _ => new SlurmSubmitOptions { Setup = ["module load a\nrm -rf x"] },
        };
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.StartsWith(message, ex.Message);
    }

    [Theory]
    [InlineData("90")]
    [InlineData("30:00")]
    [InlineData("2:00:00")]
    [InlineData("1-12")]
    [InlineData("1-12:30")]
    [InlineData("7-00:00:00")]
    [InlineData("UNLIMITED")]
    public void Every_sbatch_time_format_is_accepted(string time) => new SlurmSubmitOptions { Time = time }.Validate();
}
