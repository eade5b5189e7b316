import { z } from 'zod';

const optionalId = z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).max(40).optional());

export const trainingInput = z.object({
  programId: z.string().min(1).max(40),
  title: z.string().trim().min(1).max(120),
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'training.dateInvalid' }),
  cohort: z.string().trim().max(60).default(''),
  districtId: optionalId,
  villageId: optionalId,
  notes: z.string().trim().max(1000).default(''),
});
export type TrainingInput = z.output<typeof trainingInput>;
/** A correction keeps the training in its program. */
export const trainingUpdateInput = trainingInput.omit({ programId: true });
export type TrainingUpdateInput = z.output<typeof trainingUpdateInput>;

export const attendanceInput = z.object({
  shopIds: z.array(z.string().min(1).max(40)).max(500),
});

export const surveyQuestionInput = z.object({
  kind: z.enum(['likert', 'text']),
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'training.keyInvalid' }),
  textId: z.string().trim().min(1).max(300),
  textEn: z.string().trim().min(1).max(300),
});

export const surveyInput = z.object({
  kind: z.enum(['pre', 'post']),
  title: z.string().trim().min(1).max(120),
  questions: z
    .array(surveyQuestionInput)
    .min(1, { error: 'training.questionsRequired' })
    .max(20)
    .refine((qs) => new Set(qs.map((q) => q.key)).size === qs.length, { error: 'training.keysUnique' }),
});
export type SurveyInput = z.output<typeof surveyInput>;

export const trainingsQuery = z.object({ programId: z.string().min(1).max(40).optional() });

export const surveyLinkInput = z.object({ attendeeId: z.string().min(1).max(40) });

export const improvementQuery = z.object({
  programId: z.string().min(1).max(40),
  questionKey: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .optional(),
  trainingId: z.string().min(1).max(40).optional(),
});
