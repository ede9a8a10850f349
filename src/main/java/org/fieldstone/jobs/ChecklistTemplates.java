package org.fieldstone.jobs;

import java.util.List;
import org.fieldstone.shared.Actor;

/** The company's checklist templates, copied into jobs; reading needs {@code jobs:read}, changing {@code settings:manage}. */
public interface ChecklistTemplates {

    List<ChecklistTemplate> templates(Actor actor);

    ChecklistTemplate template(Actor actor, String templateId);

    ChecklistTemplate createTemplate(Actor actor, String name, List<ChecklistTemplate.Item> items);

    ChecklistTemplate updateTemplate(Actor actor, String templateId, long expectedVersion, String name,
                                     List<ChecklistTemplate.Item> items);

    void deleteTemplate(Actor actor, String templateId, long expectedVersion);
}
