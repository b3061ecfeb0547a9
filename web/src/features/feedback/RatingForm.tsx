import { Alert, Button, Stack, Textarea } from '@mantine/core';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMMENT_MAX,
  CRITERIA,
  emptyRatingDraft,
  isScore,
  ratingProblems,
  SCORES,
  toRatingValues,
  type Criterion,
  type RatingDraft,
  type RatingValues,
} from './rating-form';
import classes from './rating.module.css';

export type { RatingValues } from './rating-form';

export interface RatingFormProps {
  /** Called with the five scores (and the comment, when there is one) once every criterion is answered. */
  onSubmit: (values: RatingValues) => void;
  pending?: boolean;
  /** Large type and touch targets, for the tablet at the counter. */
  large?: boolean;
  /** Fields of the caller inside the same form, before the criteria (e.g. the dossier code and secret). */
  leading?: ReactNode;
  /** The caller's answer to the last attempt (an error), shown above the button. */
  feedback?: ReactNode;
  /**
   * Checked before the criteria when the form is sent: the caller's own fields;
   * false stops the submission (the caller shows and focuses its errors).
   */
  beforeSubmit?: () => boolean;
}

/**
 * The satisfaction rating of a dossier: the five criteria of the national
 * service index, each a fieldset whose legend names it and asks its question,
 * with five native radio buttons (arrow keys move between levels, Tab goes to
 * the next criterion) drawn as large tiles; an optional comment. Used on the
 * public rating page, the counter tablet and the citizen portal.
 */
export function RatingForm({ onSubmit, pending = false, large = false, leading, feedback, beforeSubmit }: RatingFormProps) {
  const { t } = useTranslation();
  const prefix = useId();
  const [draft, setDraft] = useState<RatingDraft>(emptyRatingDraft);
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const problems = tried ? ratingProblems(draft) : null;
  const missing = new Set<Criterion>(problems?.missing ?? []);

  const choose = (criterion: Criterion, value: string) => {
    if (!isScore(value)) return;
    setDraft((d) => ({ ...d, scores: { ...d.scores, [criterion]: value } }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    if (beforeSubmit && !beforeSubmit()) return;
    setTried(true);
    const values = toRatingValues(draft);
    if (values !== null) {
      onSubmit(values);
      return;
    }
    // Focus the first thing to fix: the first criterion without a level, else the comment.
    const found = ratingProblems(draft);
    const first = found?.missing[0];
    const target = first
      ? formRef.current?.querySelector<HTMLInputElement>(`input[name="${prefix}-${first}"]`)
      : formRef.current?.querySelector<HTMLTextAreaElement>(`#${CSS.escape(`${prefix}-comment`)}`);
    target?.focus();
  };

  return (
    <form ref={formRef} noValidate onSubmit={submit} className={large ? classes.large : undefined} data-testid="rating-form">
      <Stack gap="md">
        {leading}
        <div className={classes.criteria}>
          {CRITERIA.map((criterion) => {
            const invalid = missing.has(criterion);
            const errorId = `${prefix}-${criterion}-error`;
            return (
              <fieldset key={criterion} className={classes.criterion} data-invalid={invalid} data-criterion={criterion}>
                <legend className={classes.legend}>
                  <span className={classes.name}>{t(`feedback.criteria.${criterion}`)}</span>
                  <span className={classes.question}>{t(`feedback.questions.${criterion}`)}</span>
                </legend>
                <div className={classes.options}>
                  {SCORES.map((score) => (
                    <label key={score} className={classes.option}>
                      <input
                        type="radio"
                        className={classes.radio}
                        name={`${prefix}-${criterion}`}
                        value={score}
                        checked={draft.scores[criterion] === score}
                        onChange={(event) => choose(criterion, event.currentTarget.value)}
                        aria-describedby={invalid ? errorId : undefined}
                      />
                      <span>{t(`feedback.scores.${score}`)}</span>
                    </label>
                  ))}
                </div>
                {invalid && (
                  <p id={errorId} className={classes.error}>
                    {t('feedback.form.required')}
                  </p>
                )}
              </fieldset>
            );
          })}
        </div>
        <Textarea
          id={`${prefix}-comment`}
          label={t('feedback.form.comment')}
          description={t('feedback.form.commentHint', { max: COMMENT_MAX })}
          value={draft.comment}
          onChange={(event) => {
            const comment = event.currentTarget.value;
            setDraft((d) => ({ ...d, comment }));
          }}
          error={problems?.commentTooLong ? t('feedback.form.commentTooLong', { max: COMMENT_MAX }) : undefined}
          autosize
          minRows={large ? 3 : 2}
          maxRows={8}
          size={large ? 'lg' : 'md'}
        />
        {problems && problems.missing.length > 0 && (
          <Alert color="red" variant="light" role="alert" data-testid="rating-missing">
            {t('feedback.form.missing', { count: problems.missing.length })}
          </Alert>
        )}
        {feedback}
        <div>
          <Button type="submit" size={large ? 'xl' : 'lg'} loading={pending}>
            {t('feedback.form.submit')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
