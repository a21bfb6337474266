using StreamWorker.Deploy.Tests.Support;
namespace StreamWorker.Deploy.Tests;

public sealed class PromQlMetricNamesTests
{
    [Theory]
    [InlineData("histogram_quantile(0.99, sum by (le, delay_from) (rate(a_seconds_bucket{job=~\"$job\",x=\"rate(y)\"}[$__rate_interval])))", "a_seconds_bucket")]
    [InlineData("sum(rate(a_total{outcome=\"answered\"}[5m])) / sum(rate(b_total[5m]))", "a_total b_total")]
    [InlineData("60 * sum without (instance) (increase(c_total[1h] offset 5m))", "c_total")]
    [InlineData("max by (state) (streamworker_processor_stream_state)", "streamworker_processor_stream_state")]
    public void Extract_ReturnsSelectedMetricsOnly(string expression, string expected)
    {
        var names = PromQlMetricNames.Extract(expression);

        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }
}
