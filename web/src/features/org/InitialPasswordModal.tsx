import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface IssuedPassword {
  username: string;
  password: string;
  reason: 'created' | 'reset';
}

/** Shows a one-time initial password; the server never shows it again. */
export function InitialPasswordModal({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={issued !== null}
      onClose={onClose}
      title={t('staff.initialPassword.title')}
      closeOnClickOutside={false}
      centered
    >
      {issued && (
        <Stack gap="md">
          <Text>
            {issued.reason === 'created'
              ? t('staff.initialPassword.createdLead', { username: issued.username })
              : t('staff.initialPassword.resetLead', { username: issued.username })}
          </Text>
          <Alert color="yellow" variant="light" title={t('staff.initialPassword.warningTitle')}>
            {t('staff.initialPassword.warning')}
          </Alert>
          <Stack gap={4}>
            <Text size="sm" fw={600} id="initial-password-label">
              {t('staff.initialPassword.label')}
            </Text>
            <Group gap="sm" wrap="nowrap">
              <Code
                data-testid="initial-password"
                fz="lg"
                px="sm"
                py={6}
                style={{ wordBreak: 'break-all', userSelect: 'all' }}
              >
                {issued.password}
              </Code>
              <CopyButton value={issued.password}>
                {({ copied, copy }) => (
                  <Button size="compact-sm" variant="default" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('staff.initialPassword.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
