package io.ganflow.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.ganflow.events.MalformedEventException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Adam (Kingma and Ba, as in PyTorch) over one block's trainable parameters. Written here rather than taken from DJL
 * because a checkpoint must hold the moment estimates to resume exactly, and DJL's Adam cannot export them.
 * Runs on a thread whose gradient mode is off (see {@code Torch}), so parameters can be updated in place.
 */
public final class Adam implements AutoCloseable {

    private static final int STATE_MAGIC = 0x4144414d; // "ADAM"

    private final NDManager manager;
    private final List<Parameter> parameters;
    private final NDList firstMoments = new NDList();
    private final NDList secondMoments = new NDList();
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private long steps;

    public Adam(NDManager parent, Block block, double learningRate, double beta1, double beta2) {
        this.manager = parent.newSubManager();
        this.parameters = block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .toList();
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = 1e-8;
        for (Parameter parameter : parameters) {
            firstMoments.add(manager.zeros(
                    parameter.getArray().getShape(), parameter.getArray().getDataType()));
            secondMoments.add(manager.zeros(
                    parameter.getArray().getShape(), parameter.getArray().getDataType()));
        }
    }

    /** Clears the gradients of this optimiser's parameters: call before each backward pass that feeds {@link #step}. */
    public void zeroGradients() {
        for (Parameter parameter : parameters) {
            NDArray gradient = parameter.getArray().getGradient();
            gradient.subi(gradient);
            gradient.close();
        }
    }

    public void step() {
        step(learningRate);
    }

    /** One update at {@code rate} instead of the configured learning rate: for schedules. */
    public void step(double rate) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray m = firstMoments.get(i);
            NDArray v = secondMoments.get(i);
            try (NDManager scope = manager.newSubManager()) {
                NDArray gradient = weight.getGradient();
                gradient.attach(scope);
                m.muli(beta1).addi(gradient.mul(1 - beta1));
                v.muli(beta2).addi(gradient.square().muli(1 - beta2));
                scope.tempAttachAll(m, v);
                NDArray denominator = v.div(correction2).sqrt().addi(epsilon);
                weight.subi(m.mul(rate / correction1).divi(denominator));
            }
        }
    }

    public long steps() {
        return steps;
    }

    public byte[] saveState() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_MAGIC);
            out.writeLong(steps);
            NDList moments = new NDList(firstMoments);
            moments.addAll(secondMoments);
            moments.encode(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode optimiser state", e);
        }
    }

    public void loadState(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            if (in.readInt() != STATE_MAGIC) {
                throw new MalformedEventException("not an Adam state");
            }
            long savedSteps = in.readLong();
            NDList moments = NDList.decode(manager, in);
            if (moments.size() != 2 * parameters.size()) {
                throw new MalformedEventException(
                        "Adam state has " + moments.size() / 2 + " parameters, model has " + parameters.size());
            }
            for (int i = 0; i < parameters.size(); i++) {
                firstMoments.get(i).set(moments.get(i).toByteBuffer());
                secondMoments.get(i).set(moments.get(parameters.size() + i).toByteBuffer());
            }
            moments.close();
            steps = savedSteps;
        } catch (IOException e) {
            throw new MalformedEventException("cannot read Adam state: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
