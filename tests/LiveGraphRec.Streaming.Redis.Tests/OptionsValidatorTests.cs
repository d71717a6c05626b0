using Orleans.Configuration;
using Orleans.Runtime;
using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis.Tests;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void Accepts_a_connection_string_and_the_defaults() =>
        new RedisStreamsOptionsValidator(new RedisStreamsOptions { ConnectionString = "localhost" }, "events").ValidateConfiguration();

    [Fact]
    public void Accepts_a_host_supplied_multiplexer_without_connection_settings() =>
        new RedisStreamsOptionsValidator(
            new RedisStreamsOptions { CreateMultiplexer = _ => throw new InvalidOperationException("not called") }, "events")
            .ValidateConfiguration();

    public static TheoryData<string, Action<RedisStreamsOptions>> InvalidOptions => new()
    {
        { "ConnectionString", options => options.ConnectionString = null },
        { "QueueCount", options => options.QueueCount = 0 },
        { "MaxBatchSize", options => options.MaxBatchSize = 0 },
        { "ConsumerGroup", options => options.ConsumerGroup = " " },
        { "PendingIdleTimeout", options => options.PendingIdleTimeout = TimeSpan.Zero },
        { "MaxLength", options => options.MaxLength = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Names_the_provider_and_the_bad_option(string option, Action<RedisStreamsOptions> breakIt)
    {
        var options = new RedisStreamsOptions { ConnectionString = "localhost" };
        breakIt(options);

        var error = Assert.Throws<OrleansConfigurationException>(
            () => new RedisStreamsOptionsValidator(options, "events").ValidateConfiguration());

        Assert.Contains("'events'", error.Message);
        Assert.Contains($"RedisStreamsOptions.{option}", error.Message);
    }

    [Fact]
    public void Logged_configuration_options_leave_out_the_password()
    {
        var configuration = ConfigurationOptions.Parse("localhost:6379,password=s3cret");

        var logged = new RedactRedisPasswordAttribute().Redact(configuration);

        Assert.DoesNotContain("s3cret", logged);
        Assert.Contains("localhost:6379", logged);
    }
}
