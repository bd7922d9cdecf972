package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunSpecTest {

    private static RunSpec spec(String model, String dataset) {
        return new RunSpec("run-1", model, dataset, 1, 64, 2e-4, 0.5, 0.999, 100, 10, 10, 1L, 0);
    }

    @Test
    void theDefaultRunIsValid() {
        assertEquals(List.of(), RunSpec.defaults("run-1").problems());
    }

    @Test
    void everyModelIsValidOnItsOwnDataset() {
        for (String name : Catalog.modelNames()) {
            Catalog.Model model = Catalog.model(name).orElseThrow();
            assertEquals(List.of(), spec(name, model.defaultDataset()).problems(), name);
        }
    }

    @Test
    void aModelOnDataOfAnotherShapeIsRefused() {
        List<String> problems = spec("cgan-fashion-mnist", "cifar-10").problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("makes 28x28x1 images but data set cifar-10 has 32x32x3"), problems.get(0));
    }

    @Test
    void unknownModelsAndDatasetsAreNamed() {
        List<String> problems = spec("vae", "imagenet").problems();
        assertTrue(
                problems.get(0)
                        .startsWith("model must be one of [cdcgan-cifar10, cgan-fashion-mnist, classifier-cifar10, "
                                + "classifier-fashion-mnist, dcgan-cifar10]"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("dataset must be one of [cifar-10, fashion-mnist]"));
    }

    @Test
    void aReferenceClassifierNeedsTwoToTenLabelledClassesOfItsShape() {
        Catalog.Dataset unlabelled = new Catalog.Dataset("u", 1, 28, 0, false, 1000);
        Catalog.Dataset oneClass = new Catalog.Dataset("o", 1, 28, 1, true, 1000);
        Catalog.Dataset threeClasses = new Catalog.Dataset("t", 1, 28, 3, true, 1000);
        Catalog.Dataset elevenClasses = new Catalog.Dataset("e", 1, 28, 11, true, 1000);
        assertTrue(Catalog.mismatch(Catalog.CLASSIFIER_FASHION_MNIST, unlabelled)
                .orElseThrow()
                .contains("needs a labelled data set of 2 to 10 classes; u has no labels"));
        assertTrue(Catalog.mismatch(Catalog.CLASSIFIER_FASHION_MNIST, oneClass)
                .orElseThrow()
                .contains("o has 1 classes"));
        assertTrue(Catalog.mismatch(Catalog.CLASSIFIER_FASHION_MNIST, elevenClasses)
                .orElseThrow()
                .contains("e has 11 classes"));
        assertEquals(
                Optional.of(Catalog.CLASSIFIER_FASHION_MNIST),
                Catalog.classifierFor(threeClasses),
                "a data set of 3 classes uses 3 of the classifier's 10 outputs");
        assertTrue(Catalog.mismatch(Catalog.CLASSIFIER_FASHION_MNIST, Catalog.FASHION_MNIST)
                .isEmpty());
        assertTrue(
                Catalog.mismatch(Catalog.CLASSIFIER_CIFAR10, Catalog.FASHION_MNIST)
                        .isPresent(),
                "shape");
        assertEquals(
                Catalog.CLASSIFIER_CIFAR10,
                Catalog.classifierFor(Catalog.CIFAR10).orElseThrow());
    }

    @Test
    void aConditionalModelNeedsLabels() {
        Catalog.Model conditional = new Catalog.Model("c", 1, 8, true, 10, "u", Catalog.Kind.GAN);
        Catalog.Dataset unlabelled = new Catalog.Dataset("u", 1, 8, 0, false, 1000);
        assertTrue(Catalog.mismatch(conditional, unlabelled).orElseThrow().contains("needs a labelled data set"));
    }

    @Test
    void aConditionalModelNeedsAsManyClassesAsItsLabelTables() {
        Catalog.Dataset threeClasses = new Catalog.Dataset("pets", 3, 32, 3, true, 1000);
        assertTrue(Catalog.mismatch(Catalog.CDCGAN_CIFAR10, threeClasses)
                .orElseThrow()
                .contains("needs 10 classes; data set pets has 3"));
        assertTrue(Catalog.mismatch(Catalog.DCGAN_CIFAR10, threeClasses).isEmpty(), "unconditional: any classes");
    }

    @Test
    void uploadedDataSetsAreFoundThroughTheGivenLookup() {
        RunSpec onPets = spec(Catalog.DCGAN_CIFAR10.name(), "pets");
        assertTrue(onPets.problems().get(0).contains("or an uploaded data set, was pets"));
        assertTrue(onPets.problems(name -> java.util.Optional.of(new Catalog.Dataset(name, 3, 32, 3, true, 1000)))
                .isEmpty());
        assertTrue(onPets.problems(name -> java.util.Optional.of(new Catalog.Dataset(name, 1, 28, 3, true, 1000)))
                .get(0)
                .contains("has 28x28x1"));
    }

    @Test
    void aRunThatWouldTakeTooManyStepsOrCheckpointsIsRefusedWithoutOverflowing() {
        RunSpec everyStep = new RunSpec(
                "run-1", "cgan-fashion-mnist", "fashion-mnist", 10_000, 128, 2e-4, 0.5, 0.999, 100, 1, 10, 1L, 0);
        List<String> problems = everyStep.problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("4690000 checkpoints")), "" + problems);
        RunSpec batchOfOne = new RunSpec(
                "run-1", "cgan-fashion-mnist", "fashion-mnist", 10_000, 1, 2e-4, 0.5, 0.999, 100, 100_000, 10, 1L, 0);
        assertTrue(
                batchOfOne.problems().stream().anyMatch(p -> p.contains("600000000 steps")),
                "" + batchOfOne.problems());
        RunSpec tooLargeBatch = new RunSpec(
                "run-1", "cgan-fashion-mnist", "fashion-mnist", 1, 128, 2e-4, 0.5, 0.999, 100, 10, 10, 1L, 100);
        assertTrue(
                tooLargeBatch.problems().get(0).contains("larger than the 100 images"), "" + tooLargeBatch.problems());
    }
}
