package io.eventpipeline.job.event;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Tells Flink to serialize {@link PipelineEvent} with {@link PipelineEventSerializer}. */
public final class PipelineEventTypeInfoFactory extends TypeInfoFactory<PipelineEvent> {

    /** The type information of {@link PipelineEvent}. */
    public static final TypeInformation<PipelineEvent> TYPE = new PipelineEventTypeInfo();

    @Override
    public TypeInformation<PipelineEvent> createTypeInfo(
            Type type, Map<String, TypeInformation<?>> genericParameters) {
        return TYPE;
    }

    private static final class PipelineEventTypeInfo extends TypeInformation<PipelineEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<PipelineEvent> getTypeClass() {
            return PipelineEvent.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<PipelineEvent> createSerializer(SerializerConfig config) {
            return PipelineEventSerializer.INSTANCE;
        }

        @Override
        @Deprecated
        public TypeSerializer<PipelineEvent> createSerializer(ExecutionConfig config) {
            return PipelineEventSerializer.INSTANCE;
        }

        @Override
        public String toString() {
            return "PipelineEvent";
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof PipelineEventTypeInfo;
        }

        @Override
        public int hashCode() {
            return PipelineEventTypeInfo.class.hashCode();
        }

        @Override
        public boolean canEqual(Object obj) {
            return obj instanceof PipelineEventTypeInfo;
        }
    }
}
