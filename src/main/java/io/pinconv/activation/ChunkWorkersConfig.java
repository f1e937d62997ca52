package io.pinconv.activation;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads on which the chunks of runs are processed side by side (the split-into-batches EIP of
 * routes/run.yaml). A thread per task, created on demand and never refused: the number in use is
 * bounded by the runs themselves (a reader and {@code chunks-in-parallel} chunks per run in progress,
 * see ChunkOrder), and a reader waiting for room must never keep another run's chunk from a thread.
 */
@Configuration(proxyBeanMethods = false)
public class ChunkWorkersConfig {

    @Bean(destroyMethod = "shutdown")
    public ExecutorService chunkWorkers() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread t = new Thread(task, "chunk-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newCachedThreadPool(threads);
    }
}
