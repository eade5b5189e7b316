import { z } from 'zod';

/** Success bodies of the training and survey routes (routes.ts). */
export const trainingsResponse = z.object({
  trainings: z.array(
    z.object({
      id: z.string(),
      programId: z.string(),
      title: z.string(),
      heldOn: z.string(),
      cohort: z.string(),
      notes: z.string(),
      district: z.string().nullable(),
      village: z.string().nullable(),
      attendees: z.number().int(),
      surveys: z.array(z.enum(['pre', 'post'])),
    }),
  ),
});
export const createdResponse = z.object({ id: z.string() });
export const attendanceResponse = z.object({
  attendees: z.array(z.object({ id: z.string(), shopId: z.string(), person: z.string() })),
  /** Attendees asked to be removed who stay, because they have survey links or answers. */
  kept: z.array(z.string()),
});
export const surveyLinkResponse = z.object({
  url: z.string(),
  name: z.string(),
  expiresAt: z.string(),
  attendeeId: z.string(),
  whatsappUrl: z.string(),
});
export const surveyResultsResponse = z.object({
  survey: z.object({ id: z.string(), kind: z.enum(['pre', 'post']), title: z.string(), trainingId: z.string() }),
  responses: z.number().int(),
  questions: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['likert', 'text']),
      key: z.string(),
      textId: z.string(),
      textEn: z.string(),
      likert: z
        .object({ count: z.number().int(), distribution: z.array(z.number().int()).length(5), mean: z.number().nullable() })
        .nullable(),
      texts: z.array(z.string()),
    }),
  ),
});
export const surveyImprovementResponse = z.object({
  questionKey: z.string(),
  trainingId: z.string().nullable(),
  paired: z.number().int(),
  improved: z.number().int(),
  unchanged: z.number().int(),
  declined: z.number().int(),
  share: z.number().nullable(),
});
export type TrainingsResponse = z.infer<typeof trainingsResponse>;
export type SurveyResultsResponse = z.infer<typeof surveyResultsResponse>;
export type SurveyImprovementResponse = z.infer<typeof surveyImprovementResponse>;
