package io.clarity.models.train;

import io.clarity.engine.image.FloatImage;
import io.clarity.engine.nn.Network;
import io.clarity.models.data.SharedData;
import io.clarity.models.weights.WeightsFile;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/** A few real training steps on the shared data: what CI runs instead of a training run. */
public class TrainerSmokeTest {
    static {
        PyTorchTestEnvironment.configure();
    }

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private static Path data() {
        Optional<Path> data = SharedData.locate();
        Assume.assumeTrue("shared/data not found above the working directory", data.isPresent());
        return data.get();
    }

    private static String[] args(Path run, Path data, String... more) {
        String[] base = {"--arch", "fast", "--scales", "2", "--steps", "6", "--batch", "4", "--patch", "16",
                "--sets", "T91", "--images-per-set", "3", "--validate-every", "0", "--log-every", "2",
                "--fast-width", "8", "--fast-shrink", "4", "--fast-mapping", "1",
                "--run", run.toString(), "--data", data.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    public void runInTwoChunksEndsWithTheWeightsOfAnUnbrokenRun() throws Exception {
        Path data = data();
        Path unbroken = temp.newFolder("unbroken").toPath();
        Path chunked = temp.newFolder("chunked").toPath();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer.Result whole = new Trainer(Trainer.parse(args(unbroken, data)), new PrintStream(log)).run();
        Trainer.Result first = new Trainer(Trainer.parse(args(chunked, data, "--chunk", "3")), new PrintStream(log)).run();
        assertEquals(3, first.step);
        Trainer.Result second = new Trainer(Trainer.parse(args(chunked, data)), new PrintStream(log)).run();
        assertEquals(6, whole.step);
        assertEquals(6, second.step);
        assertTrue(log.toString(), log.toString().contains("resumed at step 3 of 6"));
        FloatImage probe = TrainableNetworkTest.randomImage(12, 10, 1, 3);
        assertArrayEquals(whole.network.forward(probe).data(), second.network.forward(probe).data(), 1e-6f);
        assertFalse(Double.isNaN(whole.lastLoss));
    }

    @Test
    public void checkpointExportsAWeightsFileThatDiffersFromTheInitialWeights() throws Exception {
        Path data = data();
        Path run = temp.newFolder("run").toPath();
        Trainer.Result result = new Trainer(Trainer.parse(args(run, data)), new PrintStream(new ByteArrayOutputStream())).run();
        WeightsFile exported = WeightsFile.read(run.resolve("fast-x2.clw"));
        assertEquals(1, exported.bicubicPreUpscale());
        Network initial = Architectures.fast(2, 8, 4, 1, 1);
        FloatImage probe = TrainableNetworkTest.randomImage(12, 10, 1, 4);
        assertArrayEquals(result.network.forward(probe).data(), exported.network().forward(probe).data(), 0f);
        assertNotEquals(initial.forward(probe).data()[0], exported.network().forward(probe).data()[0], 0f);
        assertTrue(Files.isRegularFile(run.resolve("checkpoint.adam")));
    }

    @Test
    public void realPhotoModelTrainsOnDegradedRgbPatchesThenFineTunesAdversarially() throws Exception {
        Path data = data();
        Path run = temp.newFolder("real").toPath();
        String[] a = {"--arch", "realphoto", "--scales", "2", "--steps", "2", "--batch", "2", "--patch", "12",
                "--sets", "T91", "--images-per-set", "2", "--validate-every", "0", "--real-features", "8",
                "--real-convs", "1", "--run", run.toString(), "--data", data.toString()};
        Trainer.Result result = new Trainer(Trainer.parse(a), new PrintStream(new ByteArrayOutputStream())).run();
        assertEquals(2, result.step);
        assertEquals(3, WeightsFile.read(run.resolve("realphoto-x2.clw")).network().outputChannels());
        assertFalse(Double.isNaN(result.lastLoss));

        // The detail stage starts from the fidelity weights and checkpoints its critic too.
        Path detail = temp.newFolder("detail").toPath();
        String[] d = a.clone();
        d[d.length - 3] = detail.toString();
        String[] adversarial = new String[d.length + 4];
        System.arraycopy(d, 0, adversarial, 0, d.length);
        adversarial[d.length] = "--adversarial";
        adversarial[d.length + 1] = "0.01";
        adversarial[d.length + 2] = "--init";
        adversarial[d.length + 3] = run.resolve("realphoto-x2.clw").toString();
        Trainer.Result tuned = new Trainer(Trainer.parse(adversarial), new PrintStream(new ByteArrayOutputStream())).run();
        assertEquals(2, tuned.step);
        assertTrue(Files.isRegularFile(detail.resolve("critic.bin")));
        assertTrue(Files.isRegularFile(detail.resolve("critic.adam")));
        FloatImage probe = TrainableNetworkTest.randomImage(6, 5, 3, 1);
        assertNotEquals(result.network.forward(probe).data()[0], tuned.network.forward(probe).data()[0], 0f);
    }

    @Test
    public void quantizationAwareFineTuneChecksTheSimulatedInt8AndKeepsTheStartingFunction() throws Exception {
        Path data = data();
        Path first = temp.newFolder("float").toPath();
        new Trainer(Trainer.parse(args(first, data)), new PrintStream(new ByteArrayOutputStream())).run();
        Path tuned = temp.newFolder("int8-aware").toPath();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // lr 0: the weights move only by the exact equalization the int8 writer applies too
        Trainer.Result result = new Trainer(Trainer.parse(args(tuned, data, "--int8-aware", "on", "--loss-border", "2",
                "--lr", "0", "--validate-every", "6", "--init", first.resolve("fast-x2.clw").toString())),
                new PrintStream(log)).run();
        assertTrue(log.toString(), log.toString().contains("Set5 Y-PSNR (int8 simulated) x2"));
        FloatImage probe = TrainableNetworkTest.randomImage(12, 10, 1, 5);
        assertArrayEquals(WeightsFile.read(first.resolve("fast-x2.clw")).network().forward(probe).data(),
                result.network.forward(probe).data(), 1e-4f);
        try {
            Trainer.parse(args(tuned, data, "--int8-aware", "yes"));
            fail("accepted --int8-aware yes");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("--int8-aware"));
        }
    }

    @Test
    public void initIntoAWiderFastShapeStartsFromTheInitNetsFunction() throws Exception {
        Path data = data();
        Path first = temp.newFolder("narrow").toPath();
        new Trainer(Trainer.parse(args(first, data)), new PrintStream(new ByteArrayOutputStream())).run();
        Path wide = temp.newFolder("wide").toPath();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        // lr 0: what the trainer saves is the widened start itself
        Trainer.Result result = new Trainer(Trainer.parse(args(wide, data, "--fast-width", "12", "--fast-shrink", "6",
                "--fast-mapping", "2", "--lr", "0", "--init", first.resolve("fast-x2.clw").toString())),
                new PrintStream(log)).run();
        Network narrow = WeightsFile.read(first.resolve("fast-x2.clw")).network();
        assertTrue(Architectures.parameterCount(result.network) > Architectures.parameterCount(narrow));
        FloatImage probe = TrainableNetworkTest.randomImage(12, 10, 1, 6);
        assertArrayEquals(narrow.forward(probe).data(), result.network.forward(probe).data(), 1e-5f);
    }

    @Test
    public void badOptionsAreRejectedWithTheirName() {
        try {
            Trainer.parse(new String[] {"--arch", "vdsr", "--run", "x"});
            fail("accepted an unknown architecture");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("--arch"));
        }
        try {
            Trainer.parse(new String[] {"--steps", "10"});
            fail("accepted a run without a folder");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("--run"));
        }
    }
}
