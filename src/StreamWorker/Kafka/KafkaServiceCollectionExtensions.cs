using Microsoft.Extensions.Options;

namespace StreamWorker.Kafka;

/// <summary>Registers the cluster every part talks to: <c>Kafka</c> and <c>Topics</c>, the topic plan and the <see cref="KafkaConnection"/>.</summary>
public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Kafka</c> and <c>Topics</c> (validated at start). The topic plan is <see cref="TopicOptions"/> plus the
    /// topics of every registered <see cref="IInternalTopicSource"/>.
    /// </summary>
    public static IServiceCollection AddKafka(this IServiceCollection services)
    {
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TopicOptions>().BindConfiguration(TopicOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => TopicPlan.For(
            sp.GetRequiredService<IOptions<TopicOptions>>().Value,
            sp.GetServices<IInternalTopicSource>().SelectMany(s => s.InternalTopics)));
        services.AddSingleton<KafkaConnection>();
        return services;
    }
}
