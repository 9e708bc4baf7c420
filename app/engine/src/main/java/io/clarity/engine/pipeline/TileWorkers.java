package io.clarity.engine.pipeline;

import io.clarity.engine.model.ModelSpec;
import io.clarity.engine.model.SuperResolutionModel;
import io.clarity.engine.tiling.Tile;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Worker threads, each owning one model it creates, runs and closes on its own thread. Tasks go in one
 * queue, completions come back in another, so the calling thread alone talks to the source, sink and
 * progress listener.
 */
final class TileWorkers implements AutoCloseable {
    /** A unit of work for one worker's model. */
    interface Task {
        /** @return nanoseconds spent inside the model */
        long run(SuperResolutionModel model) throws Exception;

        /** The tile this task renders, handed back with its completion; null for none. */
        default Tile tile() {
            return null;
        }
    }

    /** The outcome of one task, or of one worker's model creation. */
    static final class Completion {
        final boolean ran;
        final long modelNanos;
        final Throwable error;
        final ModelSpec spec;
        final Tile tile;

        private Completion(boolean ran, long modelNanos, Throwable error, ModelSpec spec) {
            this(ran, modelNanos, error, spec, null);
        }

        private Completion(boolean ran, long modelNanos, Throwable error, ModelSpec spec, Tile tile) {
            this.ran = ran;
            this.modelNanos = modelNanos;
            this.error = error;
            this.spec = spec;
            this.tile = tile;
        }
    }

    private static final Task STOP = model -> 0;

    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final Thread[] threads;
    private final CancellationToken cancel;
    private volatile boolean abandoned;

    TileWorkers(int count, ModelFactory factory, CancellationToken cancel) {
        this.cancel = cancel;
        this.threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            threads[i] = new Thread(() -> work(factory), "clarity-tile-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** Waits until every worker has its model; returns their spec, or throws why one could not make it. */
    ModelSpec awaitModels() throws InterruptedException {
        ModelSpec spec = null;
        Throwable failure = null;
        for (int i = 0; i < threads.length; i++) {
            Completion c = completions.take();
            if (c.error != null && failure == null) {
                failure = c.error;
            }
            if (c.spec != null && spec == null) {
                spec = c.spec;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("could not create the model: " + failure, failure);
        }
        return spec;
    }

    void submit(Task task) {
        tasks.add(task);
    }

    Completion take() throws InterruptedException {
        return completions.take();
    }

    private void work(ModelFactory factory) {
        SuperResolutionModel model;
        try {
            model = factory.create();
        } catch (Throwable t) {
            completions.add(new Completion(false, 0, t, null));
            return;
        }
        try {
            completions.add(new Completion(false, 0, null, model.spec()));
            while (true) {
                Task task = tasks.take();
                if (task == STOP) {
                    return;
                }
                if (cancel.isCancelled() || abandoned) {
                    completions.add(new Completion(false, 0, null, null));
                    continue;
                }
                try {
                    completions.add(new Completion(true, task.run(model), null, null, task.tile()));
                } catch (Throwable t) {
                    completions.add(new Completion(false, 0, t, null));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            model.close();
        }
    }

    /** Drops queued tasks, lets each worker finish its current one, closes the models and joins the threads. */
    @Override
    public void close() {
        abandoned = true;
        tasks.clear();
        for (int i = 0; i < threads.length; i++) {
            tasks.add(STOP);
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
