package dev.dataflow.testbed;

import dev.dataflow.cluster.LocalCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a {@link PostGis}: one throwaway cluster per test JVM, stopped when the JVM's tests end.
 */
public final class PostGisExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostGisExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PostGis.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ClusterResource resource = extensionContext.getRoot().getStore(NS)
                .getOrComputeIfAbsent("cluster", k -> new ClusterResource(PostGis.startCluster()), ClusterResource.class);
        return resource.postGis;
    }

    /** Closed by JUnit when the root context ends, so no server outlives the test run. */
    static final class ClusterResource implements ExtensionContext.Store.CloseableResource {
        final LocalCluster cluster;
        final PostGis postGis;

        ClusterResource(LocalCluster cluster) {
            this.cluster = cluster;
            this.postGis = new PostGis(cluster);
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
