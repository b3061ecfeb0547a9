import { Badge, Button, Group, Input, Progress, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';
import { uploadToPortal, useDeleteUpload, type Upload, type UploadTarget } from '../../api/portal';
import { formatFileSize, formatNumber } from '../../i18n/format';
import { Localized } from '../catalog/localized';
import { acceptAttribute, FileRefused, type UploadLimits } from './resumable-upload';

/** A file being sent from this page (not yet in the server's list, or failed). */
interface Sending {
  key: string;
  file: File;
  upload: Upload | null;
  sent: number;
  error: unknown;
  controller: AbortController;
}

export interface UploadLine {
  index: number;
  name: string;
  nameEn: string | null;
  /** Whether the line must have a file; null says neither (a supplementation's lines). */
  mandatory: boolean | null;
  /** What the procedure asks: e.g. "Bản chính · 1 bản". */
  detail?: ReactNode;
}

interface DocumentUploadsProps {
  target: UploadTarget;
  line: UploadLine;
  /** The uploads the server has for this line. */
  uploads: readonly Upload[];
  limits: UploadLimits & { filesPerDocument: number };
  /** Reads the server's list again; awaited before a finished file leaves the local list. */
  onChanged: () => Promise<unknown>;
  /** A validation message for the line (a mandatory document without a file). */
  error?: string | null;
  /** Extra content under the heading (a template to download). */
  children?: ReactNode;
}

/** What went wrong with one file, in words. */
export function uploadErrorText(t: TFunction, error: unknown, limits: UploadLimits): string {
  const maxSize = formatFileSize(limits.fileBytes);
  if (error instanceof FileRefused) {
    if (error.problem === 'too_large') return t('portal.upload.tooLarge', { max: maxSize });
    if (error.problem === 'empty') return t('portal.upload.empty');
    return t('portal.upload.typeNotAllowed');
  }
  if (!isApiError(error)) return t('portal.upload.failed');
  switch (error.code) {
    case 'NETWORK_ERROR':
      return t('portal.upload.network');
    case 'BODY_TOO_LARGE':
    case 'UPLOAD_LENGTH_EXCEEDED':
      return t('portal.upload.tooLarge', { max: maxSize });
    case 'DOSSIER_FILE_TYPE_NOT_ALLOWED':
      return t('portal.upload.typeNotAllowed');
    case 'UPLOAD_CHECKSUM_MISMATCH':
      return t('portal.upload.checksum');
    case 'PORTAL_UPLOAD_NOT_FOUND':
      return t('portal.upload.gone');
    default:
      return error.fromServer ? error.message : t('portal.upload.failed');
  }
}

/** Whether "try again" can resume the same upload (it was announced and the server may still have it). */
function resumable(item: Sending): boolean {
  if (item.upload === null || item.error instanceof FileRefused) return false;
  return isApiError(item.error) && (item.error.status === 0 || item.error.status >= 500 || item.error.status === 429);
}

/**
 * One document line with its files: the server's uploads (done, or left
 * unfinished), the files being sent from this page with their progress, and
 * a file input (several files at once). Each file is checked before it is
 * sent, then sent in chunks that resume after a dropped connection; a file
 * that failed can be tried again (resuming) or dropped. Results are
 * announced to screen readers (a polite live region; errors as alerts).
 */
export function DocumentUploads({ target, line, uploads, limits, onChanged, error, children }: DocumentUploadsProps) {
  const { t } = useTranslation();
  const id = useId();
  const [sending, setSending] = useState<Sending[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const remove = useDeleteUpload();
  const input = useRef<HTMLInputElement>(null);
  const headingId = `${id}-heading`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const labelId = `${id}-label`;

  // A file sent from this page shows with its progress until the server's list has it complete.
  const local = sending;
  const localIds = new Set(local.flatMap((s) => (s.upload ? [s.upload.id] : [])));
  const fromServer = uploads.filter((u) => !localIds.has(u.id));
  const count = fromServer.length + local.length;
  const full = count >= limits.filesPerDocument;

  function patch(key: string, change: Partial<Sending>) {
    setSending((list) => list.map((s) => (s.key === key ? { ...s, ...change } : s)));
  }

  async function send(item: Sending) {
    patch(item.key, { error: null, controller: item.controller });
    try {
      const done = await uploadToPortal(
        target,
        line.index,
        item.file,
        limits,
        {
          signal: item.controller.signal,
          onCreated: (upload) => patch(item.key, { upload }),
          onProgress: (sent) => patch(item.key, { sent }),
        },
        item.upload ?? undefined,
      );
      await onChanged();
      setSending((list) => list.filter((s) => s.key !== item.key));
      setAnnouncement(t('portal.upload.done', { name: done.fileName }));
    } catch (failure) {
      if (item.controller.signal.aborted) return;
      patch(item.key, { error: failure });
      // A refused file is not kept by the server: the list may have lost an unfinished entry.
      void onChanged();
    }
  }

  async function pick(files: FileList | null) {
    const chosen = Array.from(files ?? []);
    const picked = chosen.slice(0, Math.max(0, limits.filesPerDocument - count));
    if (input.current) input.current.value = '';
    if (picked.length < chosen.length) setAnnouncement(t('portal.upload.full', { count: limits.filesPerDocument }));
    const items = picked.map((file): Sending => ({ key: crypto.randomUUID(), file, upload: null, sent: 0, error: null, controller: new AbortController() }));
    setSending((list) => [...list, ...items]);
    // One file after another: a phone's connection is better used by one request at a time.
    for (const item of items) await send(item);
  }

  function retry(item: Sending) {
    const fresh = { ...item, controller: new AbortController(), ...(resumable(item) ? {} : { upload: null, sent: 0 }) };
    setSending((list) => list.map((s) => (s.key === item.key ? fresh : s)));
    void send(fresh);
  }

  async function drop(item: Sending) {
    item.controller.abort();
    setSending((list) => list.filter((s) => s.key !== item.key));
    // The server may keep the unfinished upload (or have dropped it already: 404 is fine).
    if (item.upload) await remove.mutateAsync(item.upload.id).catch(() => undefined);
    await onChanged();
  }

  async function removeUpload(upload: Upload) {
    try {
      await remove.mutateAsync(upload.id);
      setAnnouncement(t('portal.upload.removed', { name: upload.fileName }));
    } catch (failure) {
      // Already gone is what was wanted.
      if (!(isApiError(failure) && failure.status === 404)) setAnnouncement(uploadErrorText(t, failure, limits));
    }
    await onChanged();
  }

  return (
    <Stack component="section" gap="xs" aria-labelledby={headingId} data-testid={`document-line-${String(line.index)}`}>
      <Group gap="xs" wrap="wrap" align="baseline">
        <Title order={3} size="h5" id={headingId}>
          <Localized vi={line.name} en={line.nameEn} />
        </Title>
        {line.mandatory !== null && (
          <Badge color={line.mandatory ? 'red.9' : 'gray.7'} variant="filled" styles={{ root: { flexShrink: 0 } }}>
            {line.mandatory ? t('portal.upload.mandatory') : t('portal.upload.optional')}
          </Badge>
        )}
      </Group>
      {line.detail && (
        <Text size="sm" c="dimmed">
          {line.detail}
        </Text>
      )}
      {children}

      {(fromServer.length > 0 || local.length > 0) && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
          {fromServer.map((upload) => (
            <li key={upload.id} data-testid="uploaded-file" data-status={upload.status}>
              <Group gap="xs" justify="space-between" wrap="nowrap" align="center">
                <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                  {upload.fileName} · {formatFileSize(upload.size)}
                  {upload.status !== 'complete' && ` · ${t('portal.upload.unfinished')}`}
                </Text>
                <Button
                  size="xs"
                  variant="default"
                  color="red.9"
                  onClick={() => void removeUpload(upload)}
                  aria-label={t('portal.upload.removeAria', { name: upload.fileName })}
                  loading={remove.isPending && remove.variables === upload.id}
                >
                  {t('common.remove')}
                </Button>
              </Group>
            </li>
          ))}
          {local.map((item) => {
            const percent = item.file.size > 0 ? Math.floor((item.sent / item.file.size) * 100) : 0;
            return (
              <li key={item.key} data-testid="sending-file">
                <Stack gap={4}>
                  <Group gap="xs" justify="space-between" wrap="nowrap">
                    <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
                      {item.file.name} · {formatFileSize(item.file.size)}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      {item.error !== null && (
                        <Button size="xs" variant="default" onClick={() => retry(item)} aria-label={t('portal.upload.retryAria', { name: item.file.name })}>
                          {t('portal.upload.retry')}
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="default"
                        color="red.9"
                        onClick={() => void drop(item)}
                        aria-label={item.error !== null ? t('portal.upload.removeAria', { name: item.file.name }) : t('portal.upload.cancelAria', { name: item.file.name })}
                      >
                        {item.error !== null ? t('common.remove') : t('common.cancel')}
                      </Button>
                    </Group>
                  </Group>
                  {item.error === null ? (
                    <Progress value={percent} size="md" aria-label={t('portal.upload.progressAria', { name: item.file.name, percent: formatNumber(percent) })} />
                  ) : (
                    <Text size="sm" c="red.9" role="alert" data-testid="upload-error">
                      {uploadErrorText(t, item.error, limits)}
                    </Text>
                  )}
                </Stack>
              </li>
            );
          })}
        </ul>
      )}

      <Input.Wrapper
        id={`${id}-input`}
        label={t('portal.upload.choose')}
        description={full ? t('portal.upload.full', { count: limits.filesPerDocument }) : t('portal.upload.hint', { max: formatFileSize(limits.fileBytes) })}
        error={error ?? undefined}
        descriptionProps={{ id: hintId }}
        errorProps={{ id: errorId }}
        labelProps={{ id: labelId }}
        maw="100%"
      >
        <input
          ref={input}
          id={`${id}-input`}
          data-testid={`upload-input-${String(line.index)}`}
          type="file"
          multiple
          disabled={full}
          accept={acceptAttribute(limits.contentTypes)}
          aria-labelledby={`${labelId} ${headingId}`}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          style={{ display: 'block', maxWidth: '100%', marginTop: 4 }}
          onChange={(event) => void pick(event.currentTarget.files)}
        />
      </Input.Wrapper>
      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
    </Stack>
  );
}
