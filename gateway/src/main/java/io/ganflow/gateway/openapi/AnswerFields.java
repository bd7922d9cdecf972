package io.ganflow.gateway.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ganflow.events.AliasMove;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.DatasetInfo;
import io.ganflow.events.LabelledImages;
import io.ganflow.events.ModelVersion;
import io.ganflow.events.NumericsProvenance;
import io.ganflow.events.PromotionPolicy;
import io.ganflow.events.ReferenceClassifierChoice;
import io.ganflow.events.RegisteredModel;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunSpecLimits;
import io.ganflow.events.StudyState;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.gateway.checkpoints.CheckpointView;
import io.ganflow.gateway.models.ModelResource;
import io.ganflow.gateway.quality.QualityResource;
import io.ganflow.gateway.runs.RunOptions;
import io.ganflow.gateway.runs.RunView;
import io.ganflow.gateway.security.SessionResource;
import io.ganflow.gateway.synthetic.ScoreView;
import io.ganflow.gateway.synthetic.SyntheticDatasetView;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * What a client may rely on in an answer: the gateway writes every field of the records it answers with, null
 * included, so each is required; a field of a primitive type is never null, nor is one of named values (a state),
 * any other may be. Without this the
 * document would promise no field at all, and removing one would not count as breaking (PublishedContractTests).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class AnswerFields implements OASFilter {

    /** Every record the API answers with, nested ones included; PublishedContractTests finds any left out. */
    static final List<Class<? extends Record>> ANSWERS = List.of(
            RunView.class,
            RunSpec.class,
            TrainingMetrics.class,
            CheckpointView.class,
            CheckpointQuality.class,
            QualityResource.QualityView.class,
            ReferenceClassifierChoice.class,
            DatasetInfo.class,
            LabelledImages.class,
            LabelledImages.LabelledImage.class,
            SyntheticDatasetView.class,
            SyntheticDatasetView.ModelSource.class,
            ScoreView.class,
            SessionResource.SignedIn.class,
            RunOptions.class,
            RunOptions.ModelOption.class,
            RunSpecLimits.FieldRange.class,
            RegisteredModel.class,
            ModelVersion.class,
            NumericsProvenance.class,
            AliasMove.class,
            ModelResource.ModelView.class,
            PromotionPolicy.class,
            PromotionPolicy.Rule.class,
            PromotionPolicy.Condition.class,
            StudyState.class,
            StudyState.Trial.class);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (Class<? extends Record> answer : ANSWERS) {
            Schema schema = openAPI.getComponents().getSchemas().get(answer.getSimpleName());
            if (schema != null) {
                describe(schema, answer);
            }
        }
    }

    private static void describe(Schema schema, Class<? extends Record> answer) {
        List<String> required = new ArrayList<>();
        for (RecordComponent field : answer.getRecordComponents()) {
            String name = jsonName(field);
            Schema property = schema.getProperties().get(name);
            if (property == null) {
                continue; // not written (@JsonIgnore)
            }
            required.add(name);
            if (!field.getType().isPrimitive() && property.getEnumeration() == null) {
                mayBeNull(property);
            }
        }
        schema.setRequired(required);
    }

    private static String jsonName(RecordComponent field) {
        JsonProperty renamed = field.getAccessor().getAnnotation(JsonProperty.class);
        return renamed != null && !renamed.value().isEmpty() ? renamed.value() : field.getName();
    }

    /**
     * Null as one more type (the 3.0 document says nullable). A reference becomes an object of all of it, since
     * siblings of $ref are ignored and nullable needs a type beside it.
     */
    private static void mayBeNull(Schema property) {
        if (property.getRef() != null) {
            Schema reference = OASFactory.createSchema().ref(property.getRef());
            property.setRef(null);
            property.setAllOf(List.of(reference));
            property.setType(List.of(Schema.SchemaType.OBJECT, Schema.SchemaType.NULL));
        } else if (property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
            property.addType(Schema.SchemaType.NULL);
        }
    }
}
